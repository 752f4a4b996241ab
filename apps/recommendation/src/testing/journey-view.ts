import type { JourneySummary, ProductStatus } from '@touchpoint/contracts';

/** A product status with the given fields set, nothing known of the rest; units owned follow from bought and returned unless given. */
export function status(known: Partial<ProductStatus>): ProductStatus {
  const unitsBought = known.unitsBought ?? 0;
  const unitsReturned = known.unitsReturned ?? 0;
  return {
    viewed: false,
    unitsInCart: 0,
    cartAbandoned: false,
    lastPurchaseChannel: null,
    lastPurchaseStoreId: null,
    lastPurchaseAt: null,
    lastReturnAt: null,
    ...known,
    unitsBought,
    unitsReturned,
    unitsOwned: known.unitsOwned ?? Math.max(0, unitsBought - unitsReturned),
  };
}

export const carted = (units = 1): ProductStatus => status({ viewed: true, unitsInCart: units });

export const boughtInStore = (at: string, units = 1): ProductStatus =>
  status({ viewed: true, unitsBought: units, lastPurchaseChannel: 'store', lastPurchaseStoreId: 'store-amsterdam-01', lastPurchaseAt: at });

export const boughtOnline = (at: string, units = 1): ProductStatus => status({ viewed: true, unitsBought: units, lastPurchaseChannel: 'online', lastPurchaseAt: at });

/** The status after `units` of a purchase came back. */
export const returned = (bought: ProductStatus, at: string, units = bought.unitsBought): ProductStatus =>
  status({ ...bought, unitsOwned: undefined, unitsReturned: bought.unitsReturned + units, lastReturnAt: at });

/** A journey summary with the given fields set; advertising consent `granted` when given. */
export function summary(known: Partial<JourneySummary> & { readonly advertising?: boolean | null; readonly personalization?: boolean | null } = {}): JourneySummary {
  const { advertising = null, personalization = null, ...rest } = known;
  return {
    stage: 'consideration',
    stageRule: 'consideration: a product viewed',
    step: 'look',
    tier: 'prospect',
    tierRule: 'prospect: no spend',
    trailingSpend: 0,
    currency: 'EUR',
    consent: { advertising: { granted: advertising, at: advertising === null ? null : '2025-03-01T09:00:00.000Z' }, personalization: { granted: personalization, at: personalization === null ? null : '2025-03-01T09:00:00.000Z' } },
    audiences: [],
    ...rest,
  };
}
