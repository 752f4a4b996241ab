/** What the rules need to know of the catalog. Answers synchronously, so the rules stay pure. */
export interface AccessoryCatalog {
  /** Products that go with this one, best first. */
  accessoriesOf(productId: string): readonly string[];
  /** Products bought alongside this one (boots with a jacket), best first. */
  complementsOf(productId: string): readonly string[];
  /** False for a product out of stock or no longer sold; a product the catalog does not know is not withheld. */
  isAvailable(productId: string): boolean;
  /** A consumable is recommended again though the customer owns it. */
  isConsumable(productId: string): boolean;
}
