import type { JourneySummary, ProductStatus } from '@touchpoint/contracts';

/** What the rules decide from: the derived status of each product and the profile summary, as journey published them. */
export interface ProfileFacts {
  readonly products: Readonly<Record<string, ProductStatus>>;
  readonly summary: JourneySummary | null;
}
