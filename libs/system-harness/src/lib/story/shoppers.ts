import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { JACKET } from './customer-story';
import type { IngestClient } from './ingest-client';
import type { Observed, TopicWatcher } from './topic-watcher';

/** A customer who carted the jacket online and linked a loyalty card, so a store purchase can find her. */
export interface Shopper {
  readonly anonymousId: string;
  readonly loyaltyId: string;
  readonly profileId: string;
}

const resolutionOf = (watcher: TopicWatcher, messageId: string) =>
  watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 30_000, `resolution of ${messageId}`);

/**
 * `count` shoppers, each with the jacket in her online cart, her loyalty card linked and its
 * retargeting started: the state in which a store purchase must stop the ads. The watcher
 * must follow the resolved-events and recommendations topics.
 */
export async function shoppersWithCarts(ingest: IngestClient, watcher: TopicWatcher, count: number, tag: string): Promise<Shopper[]> {
  const run = randomUUID().slice(0, 8);
  const shoppers: Shopper[] = [];
  for (let i = 0; i < count; i++) {
    const anonymousId = `anon-${tag}-${run}-${i}`;
    const loyaltyId = `LOY-${tag}-${run}-${i}`;
    const profileId = (await resolutionOf(watcher, await ingest.track({ anonymousId }, 'Product Added', JACKET))).value.profileId;
    await resolutionOf(watcher, await ingest.identify({ anonymousId, userId: `user-${loyaltyId}` }, { loyaltyId }));
    shoppers.push({ anonymousId, loyaltyId, profileId });
  }
  await Promise.all(
    shoppers.map((shopper) =>
      watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.type === 'retargeting.started' && m.profileId === shopper.profileId, 30_000, 'retargeting.started'),
    ),
  );
  return shoppers;
}

/** The shopper buys the jacket at the till with her loyalty card. */
export function buyJacketInStore(ingest: IngestClient, shopper: Pick<Shopper, 'loyaltyId'>, transactionId: string): Promise<void> {
  return ingest.storeTransaction({
    transactionId,
    kind: 'order',
    storeId: 'store-amsterdam-01',
    occurredAt: new Date().toISOString(),
    currency: 'EUR',
    lines: [{ productId: JACKET.product_id, name: JACKET.name, quantity: 1, unitPrice: JACKET.price }],
    customer: { loyaltyId: shopper.loyaltyId },
  });
}

/** Each shopper's `retargeting.stopped` for the jacket; a timeout's error carries `clue()` (e.g. the services' warnings). */
export function jacketRetargetingStops(
  watcher: TopicWatcher,
  shoppers: readonly Shopper[],
  timeoutMs: number,
  clue: () => string = () => '',
): Promise<Observed<RecommendationMessage>[]> {
  return Promise.all(
    shoppers.map((shopper) =>
      watcher
        .waitFor<RecommendationMessage>(
          Topics.recommendations.name,
          (m) => m.type === 'retargeting.stopped' && m.profileId === shopper.profileId && m.productId === JACKET.product_id,
          timeoutMs,
          `retargeting.stopped for ${shopper.profileId}`,
        )
        .catch((error: unknown) => {
          throw new Error(`${String(error)}\n${clue()}`);
        }),
    ),
  );
}
