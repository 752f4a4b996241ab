import type { FunnelStage, ProductFacts } from '@touchpoint/contracts';
import { funnelStage } from './derive';
import { sameFacts } from './facts';
import type { JourneyState } from './journey-state';

export interface JourneyChange {
  readonly stage: { readonly from: FunnelStage; readonly to: FunnelStage } | null;
  readonly products: readonly { readonly productId: string; readonly facts: ProductFacts }[];
}

/** What moved between two states: the stage, and the full facts of every changed product. */
export function diffStates(before: JourneyState, after: JourneyState): JourneyChange {
  const from = funnelStage(before);
  const to = funnelStage(after);
  const products = Object.entries(after.products)
    .filter(([productId, facts]) => !sameFacts(before.products[productId], facts))
    .map(([productId, facts]) => ({ productId, facts }))
    .sort((a, b) => a.productId.localeCompare(b.productId));
  return { stage: from === to ? null : { from, to }, products };
}

export function isEmptyChange(change: JourneyChange): boolean {
  return change.stage === null && change.products.length === 0;
}
