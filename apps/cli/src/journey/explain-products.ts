import type { ProductStatus, RecommendationMessage } from '@touchpoint/contracts';
import type { CustomerRecord } from './customer-events';
import type { RebuiltJourney, RebuiltTransition } from './rebuild-journey';

export interface ProductExplanation {
  readonly productId: string;
  /** Whether platforms were last told, under some id of the customer, to retarget it. */
  readonly retargetedNow: boolean;
  readonly status: ProductStatus | null;
  /** The latest step of the journey that changed the product's status. */
  readonly decidedBy: RebuiltTransition | null;
  /** What platforms were told about the product, in topic order. */
  readonly told: readonly CustomerRecord<RecommendationMessage>[];
  /** The journey and what platforms were last told disagree: the lead to follow. */
  readonly mismatch: string | null;
}

const mentions = (message: RecommendationMessage, productId: string): boolean =>
  message.type === 'recommendations.updated' ? message.items.some((item) => item.productId === productId || item.becauseOf === productId) : 'productId' in message && message.productId === productId;

/** Per profile id, the last retargeting word about the product: started or stopped. */
function retargetedUnderSomeId(told: readonly CustomerRecord<RecommendationMessage>[]): boolean {
  const last = new Map<string, string>();
  for (const { value } of told) if (value.type === 'retargeting.started' || value.type === 'retargeting.stopped') last.set(value.profileId, value.type);
  return [...last.values()].includes('retargeting.started');
}

function mismatchOf(status: ProductStatus | null, retargetedNow: boolean, consentRefused: boolean): string | null {
  if (!retargetedNow || status === null) return null;
  if (status.unitsOwned > 0) return `platforms were last told to retarget it, but the journey has it owned (${status.unitsOwned}): recommendation has not acted on the purchase (is it behind? see \`touchpoint topics\`; is the purchase among the dead letters? see \`touchpoint dlq list\`)`;
  if (status.unitsInCart === 0) return 'platforms were last told to retarget it, but it is no longer in the cart';
  if (consentRefused) return 'platforms were last told to retarget it, but the customer refused advertising';
  return null;
}

/** Why each product is or is not retargeted now: the journey's facts, the event that set them, and what platforms were told. */
export function explainProducts(journey: RebuiltJourney, recommendations: readonly CustomerRecord<RecommendationMessage>[], only?: string): ProductExplanation[] {
  const told = (productId: string) => recommendations.filter((r) => mentions(r.value, productId));
  const ids = new Set([...Object.keys(journey.view.products), ...recommendations.flatMap((r) => ('productId' in r.value ? [r.value.productId] : []))]);
  const consentRefused = journey.view.summary.consent.advertising.granted === false;
  return [...ids]
    .filter((id) => only === undefined || id === only)
    .sort()
    .map((productId) => {
      const status = journey.view.products[productId] ?? null;
      const messages = told(productId);
      const retargetedNow = retargetedUnderSomeId(messages);
      const decidedBy = [...journey.transitions].reverse().find((t) => t.change.products.some((p) => p.productId === productId)) ?? null;
      return { productId, retargetedNow, status, decidedBy, told: messages, mismatch: mismatchOf(status, retargetedNow, consentRefused) };
    });
}
