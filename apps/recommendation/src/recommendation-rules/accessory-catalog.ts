/** What the rules need to know of the catalog: which products go with a product, best first. */
export interface AccessoryCatalog {
  accessoriesOf(productId: string): readonly string[];
}
