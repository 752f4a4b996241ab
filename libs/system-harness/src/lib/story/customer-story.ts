import { randomUUID } from 'node:crypto';
import { type JourneyTransitionV2, type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import type { IngestClient } from './ingest-client';
import type { Observed, TopicWatcher } from './topic-watcher';

export const JACKET = { product_id: 'jacket-42', name: 'Rain jacket', price: 199 };

export interface StoryStep {
  readonly customer: string;
  readonly text: string;
  readonly latencyMs?: number;
}

export interface CustomerPlan {
  readonly name: string;
  /** Where the jacket is bought. */
  readonly buys: 'store' | 'online';
  /** Returns the jacket in a store afterwards. */
  readonly returnsInStore: boolean;
}

export interface StoryOutcome {
  readonly customer: string;
  readonly profileId: string;
  /** The anonymous id the customer browsed under, for sending her more events. */
  readonly anonymousId: string;
  /** The loyalty card she showed (as typed at the till, without its chain), e.g. to look her up. */
  readonly loyaltyId: string;
  readonly retargetingStarted: Observed<RecommendationMessage>;
  readonly retargetingStopped: Observed<RecommendationMessage>;
  readonly accessories: Observed<RecommendationMessage>;
  /** From the purchase request being sent to retargeting.stopped arriving. */
  readonly purchaseToStopMs: number;
  readonly afterReturn: Observed<RecommendationMessage> | null;
  readonly returnedAt: number | null;
}

type Recommendation = RecommendationMessage;

/**
 * Plays one customer through the product story over the public HTTP API and follows the
 * system's answers on the topics: cart online, identify with a loyalty card, buy (in a
 * store with the card, or online), and optionally return in a store.
 */
export async function playCustomerStory(
  plan: CustomerPlan,
  ingest: IngestClient,
  watcher: TopicWatcher,
  report: (step: StoryStep) => void,
): Promise<StoryOutcome> {
  const run = randomUUID().slice(0, 8);
  const anonymousId = `anon-${plan.name}-${run}`;
  const userId = `user-${plan.name}-${run}`;
  const loyaltyId = `LOY-${plan.name.toUpperCase()}-${run}`;
  const say = (text: string, latencyMs?: number): void => report({ customer: plan.name, text, latencyMs });

  const resolvedFor = (messageId: string) =>
    watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 20_000, `resolution of ${messageId}`);
  const recommendation = (what: string, match: (m: Recommendation) => boolean) =>
    watcher.waitFor<Recommendation>(Topics.recommendations.name, match, 20_000, what);

  const viewed = await ingest.track({ anonymousId }, 'Product Viewed', JACKET);
  say(`event accepted: Product Viewed ${JACKET.product_id} (anonymous ${anonymousId})`);
  const profileId = (await resolvedFor(viewed)).value.profileId;
  say(`identity: ${anonymousId} -> profile ${profileId}`);
  const stages = watcher.onMessage((message) => {
    if (message.topic !== Topics.journeyTransitions.name) return;
    const transition = message.value as JourneyTransitionV2;
    if (transition.profileId !== profileId) return;
    if (transition.kind === 'retired') say(`journey: profile retired into ${transition.survivorProfileId ?? '?'}`);
    else if (transition.before?.stage !== transition.after?.stage) say(`journey: stage ${transition.before?.stage ?? 'new'} -> ${transition.after?.stage ?? '?'}`);
  });

  try {
    const addedAt = Date.now();
    await ingest.track({ anonymousId }, 'Product Added', JACKET);
    say(`event accepted: Product Added ${JACKET.product_id}`);
    const started = await recommendation(
      'retargeting.started',
      (m) => m.type === 'retargeting.started' && m.profileId === profileId && m.productId === JACKET.product_id,
    );
    say(`retargeting started for ${JACKET.product_id}`, started.receivedAt - addedAt);

    const identified = await ingest.identify({ anonymousId, userId }, { loyaltyId, email: `${plan.name}.${run}@example.com` });
    const linked = await resolvedFor(identified);
    say(`identity: ${userId} and loyalty card ${loyaltyId} linked to profile ${linked.value.profileId}`);

    const purchaseSentAt = Date.now();
    const orderId = `order-${plan.name}-${run}`;
    if (plan.buys === 'store') {
      await ingest.storeTransaction({
        transactionId: orderId,
        kind: 'order',
        storeId: 'store-amsterdam-01',
        occurredAt: new Date().toISOString(),
        currency: 'EUR',
        lines: [{ productId: JACKET.product_id, name: JACKET.name, quantity: 1, unitPrice: JACKET.price }],
        customer: { loyaltyId },
      });
      say(`store purchase accepted: ${JACKET.product_id} at store-amsterdam-01 with loyalty card ${loyaltyId}`);
    } else {
      await ingest.track({ userId }, 'Order Completed', { order_id: orderId, total: JACKET.price, currency: 'EUR', products: [JACKET] });
      say(`online order accepted: ${JACKET.product_id}`);
    }
    const stopped = await recommendation(
      'retargeting.stopped',
      (m) => m.type === 'retargeting.stopped' && m.profileId === linked.value.profileId && m.productId === JACKET.product_id,
    );
    const purchaseToStopMs = stopped.receivedAt - purchaseSentAt;
    say(`retargeting stopped for ${JACKET.product_id} (${stopped.value.type === 'retargeting.stopped' ? stopped.value.reason : '?'})`, purchaseToStopMs);
    const accessories = await recommendation(
      'accessory recommendations',
      (m) => m.type === 'recommendations.updated' && m.profileId === linked.value.profileId && m.items.length > 0,
    );
    if (accessories.value.type === 'recommendations.updated') {
      say(`recommending ${accessories.value.items.map((i) => i.productId).join(', ')}`, accessories.receivedAt - purchaseSentAt);
    }

    let afterReturn: Observed<Recommendation> | null = null;
    let returnedAt: number | null = null;
    if (plan.returnsInStore) {
      returnedAt = Date.now();
      await ingest.storeTransaction({
        transactionId: `return-${plan.name}-${run}`,
        kind: 'return',
        storeId: 'store-utrecht-02',
        occurredAt: new Date().toISOString(),
        currency: 'EUR',
        lines: [{ productId: JACKET.product_id, name: JACKET.name, quantity: 1, unitPrice: JACKET.price }],
        customer: { loyaltyId },
        originalTransactionId: orderId,
      });
      say(`store return accepted: ${JACKET.product_id} at store-utrecht-02`);
      const since = returnedAt;
      afterReturn = await recommendation(
        'recommendations cleared after the return',
        (m) => m.type === 'recommendations.updated' && m.profileId === linked.value.profileId && m.items.length === 0,
      );
      say('accessories stopped: recommendations cleared', afterReturn.receivedAt - since);
    }
    return {
      customer: plan.name,
      profileId: linked.value.profileId,
      anonymousId,
      loyaltyId,
      retargetingStarted: started,
      retargetingStopped: stopped,
      accessories,
      purchaseToStopMs,
      afterReturn,
      returnedAt,
    };
  } finally {
    stages();
  }
}
