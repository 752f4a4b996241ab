import { type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { SeededRandom } from '@touchpoint/shopper-simulator';
import { type IngestClient, JACKET, type TopicWatcher } from '@touchpoint/system-harness';

const PRODUCTS = [JACKET, { product_id: 'gloves-7', name: 'Wool gloves', price: 29 }, { product_id: 'boots-11', name: 'Leather boots', price: 149 }];

/** One customer of the workload; runs compare customers by index. */
export interface WorkloadCustomer {
  readonly index: number;
  /** The run's part of every id: the same seed under two tags is the same workload twice, side by side. */
  readonly tag: string;
  readonly anonymousId: string;
  /** Customers who never log in stay anonymous, found by anonymousId. */
  readonly userId: string | null;
  readonly loyaltyId: string | null;
  /** A second device whose profile merges into hers when she logs in on it. */
  readonly secondDevice: string | null;
  readonly viewed: readonly (typeof PRODUCTS)[number][];
  readonly carted: readonly (typeof PRODUCTS)[number][];
  readonly buys: 'store' | 'online' | null;
  readonly returnsInStore: boolean;
}

export function seededCustomers(seed: number, count: number, tag: string): WorkloadCustomer[] {
  // The simulator's generator: the same seed gives the same customers in every system the workload runs on.
  const generator = new SeededRandom(seed);
  const random = (): number => generator.next();
  const pick = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.5);
  return Array.from({ length: count }, (_, index) => {
    const identified = random() < 0.8;
    const withCard = identified && random() < 0.8;
    const carted = [JACKET, ...pick(PRODUCTS.slice(1))];
    const buys = withCard ? (random() < 0.5 ? 'store' : 'online') : identified && random() < 0.5 ? 'online' : null;
    return {
      index,
      tag,
      anonymousId: `anon-${tag}-${seed}-${index}`,
      userId: identified ? `user-${tag}-${seed}-${index}` : null,
      loyaltyId: withCard ? `LOY-${tag}-${seed}-${index}` : null,
      secondDevice: identified && random() < 0.4 ? `phone-${tag}-${seed}-${index}` : null,
      viewed: pick(PRODUCTS),
      carted,
      buys,
      returnsInStore: buys === 'store' && random() < 0.5,
    };
  });
}

/** Waits for identity to resolve a message, so a customer's next step follows it in every run. */
const resolved = (watcher: TopicWatcher, messageId: string) =>
  watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 60_000, `resolution of ${messageId}`);

/**
 * Browsing, carting and logging in: the part before any purchase. Raw events are keyed by
 * anonymousId, so one device's calls keep their order on the way to identity; only the last
 * call of each device is waited for. The watcher must follow the resolved events.
 */
export async function browse(customer: WorkloadCustomer, ingest: IngestClient, watcher: TopicWatcher): Promise<void> {
  const { anonymousId, userId, loyaltyId, secondDevice } = customer;
  let last = '';
  for (const product of customer.viewed) last = await ingest.track({ anonymousId }, 'Product Viewed', product);
  for (const product of customer.carted) last = await ingest.track({ anonymousId }, 'Product Added', product);
  if (userId !== null) last = await ingest.identify({ anonymousId, userId }, loyaltyId === null ? {} : { loyaltyId });
  await resolved(watcher, last);
  if (userId === null || secondDevice === null) return;
  await ingest.track({ anonymousId: secondDevice }, 'Product Viewed', PRODUCTS[2] as (typeof PRODUCTS)[number]);
  await resolved(watcher, await ingest.identify({ anonymousId: secondDevice, userId }, {}));
}

/** The purchase and the return, if the customer makes them; transaction ids are the run's own. */
export async function buy(customer: WorkloadCustomer, ingest: IngestClient, watcher: TopicWatcher): Promise<void> {
  const orderId = `order-${customer.anonymousId}`;
  const lines = customer.carted.map((product) => ({ productId: product.product_id, name: product.name, quantity: 1, unitPrice: product.price }));
  if (customer.buys === 'online' && customer.userId !== null) {
    const total = customer.carted.reduce((sum, product) => sum + product.price, 0);
    await resolved(watcher, await ingest.track({ userId: customer.userId }, 'Order Completed', { order_id: orderId, total, currency: 'EUR', products: customer.carted }));
  }
  if (customer.buys !== 'store' || customer.loyaltyId === null) return;
  const customerRef = { loyaltyId: customer.loyaltyId };
  await ingest.storeTransaction({ transactionId: orderId, kind: 'order', storeId: 'store-amsterdam-01', occurredAt: new Date().toISOString(), currency: 'EUR', lines, customer: customerRef });
  // Ingest names a till's event by store, transaction and kind.
  await resolved(watcher, `store:store-amsterdam-01:${orderId}:order`);
  if (!customer.returnsInStore) return;
  await ingest.storeTransaction({
    transactionId: `return-${customer.anonymousId}`,
    kind: 'return',
    storeId: 'store-utrecht-02',
    occurredAt: new Date().toISOString(),
    currency: 'EUR',
    lines: lines.slice(0, 1),
    customer: customerRef,
    originalTransactionId: orderId,
  });
  await resolved(watcher, `store:store-utrecht-02:return-${customer.anonymousId}:return`);
}
