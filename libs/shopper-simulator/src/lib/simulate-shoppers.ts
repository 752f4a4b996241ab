import { SeededRandom } from './random';
import { type SimulatedProduct, simulatedCatalog } from './simulated-catalog';

export interface SimulatorOptions {
  readonly seed: number;
  readonly shoppers: number;
  /** Days the simulated activity spans, ending at `end`. */
  readonly days: number;
  /** Epoch ms of the last possible event. */
  readonly end: number;
  readonly bundles?: number;
  readonly productsPerBundle?: number;
  readonly storeIds?: readonly string[];
  /** Share of purchases brought back later. */
  readonly returnRate?: number;
  /** Share of shoppers whose web identity is linked to their loyalty card only late (after store visits). */
  readonly lateIdentityShare?: number;
  /** Visits per shopper, on average. */
  readonly visitsPerShopper?: number;
}

export interface SimulatedShopper {
  readonly anonymousId: string;
  readonly appDeviceId: string;
  readonly userId: string;
  readonly loyaltyId: string;
  /** The bundle the shopper's taste follows. */
  readonly bundle: number;
  /** When the web identity is linked to the loyalty card (epoch ms). */
  readonly linkedAt: number;
}

/** A Segment call as an SDK would send it to ingest. */
export interface SimulatedSegmentCall {
  readonly kind: 'segment';
  readonly at: number;
  readonly path: '/v1/track' | '/v1/identify' | '/v1/page';
  readonly body: Record<string, unknown>;
}

/** A store sale or return as a POS integration would send it to ingest. */
export interface SimulatedStoreTransaction {
  readonly kind: 'store';
  readonly at: number;
  readonly transaction: {
    readonly transactionId: string;
    readonly kind: 'order' | 'return';
    readonly storeId: string;
    readonly occurredAt: string;
    readonly currency: 'EUR';
    readonly lines: { productId: string; name: string; quantity: number; unitPrice: number }[];
    readonly customer: { readonly loyaltyId: string };
    readonly originalTransactionId?: string;
  };
}

export type SimulatedEvent = SimulatedSegmentCall | SimulatedStoreTransaction;

/** One purchase as the simulator planted it: who bought what, when, in which channel. */
export interface SimulatedPurchase {
  readonly shopper: number;
  readonly at: number;
  readonly channel: 'online' | 'store';
  readonly productIds: readonly string[];
  readonly returned: boolean;
}

export interface Simulation {
  readonly catalog: readonly SimulatedProduct[];
  readonly shoppers: readonly SimulatedShopper[];
  /** Every call, in time order. */
  readonly events: readonly SimulatedEvent[];
  readonly purchases: readonly SimulatedPurchase[];
}

const HOUR = 3_600_000;

/**
 * Seeded shoppers across web, app and store: they look at products mostly of their taste's
 * bundle (and popular ones), cart some, buy a few together online or at a till, bring some back,
 * and have their web identity linked to their loyalty card, for some only after store visits.
 * The same options give the same simulation, event for event.
 */
export function simulateShoppers(options: SimulatorOptions): Simulation {
  const random = new SeededRandom(options.seed);
  const bundles = options.bundles ?? 40;
  const catalog = simulatedCatalog(random, bundles, options.productsPerBundle ?? 6);
  const stores = options.storeIds ?? ['store-amsterdam-01'];
  const returnRate = options.returnRate ?? 0.08;
  const lateShare = options.lateIdentityShare ?? 0.3;
  const visitsPerShopper = options.visitsPerShopper ?? 4;
  const start = options.end - options.days * 24 * HOUR;
  const events: SimulatedEvent[] = [];
  const purchases: SimulatedPurchase[] = [];
  const shoppers: SimulatedShopper[] = [];
  const iso = (at: number) => new Date(at).toISOString();
  const productOf = (bundle: number): SimulatedProduct =>
    random.chance(0.8) ? catalog[bundle * (catalog.length / bundles) + random.zipf(catalog.length / bundles)] : catalog[random.zipf(catalog.length)];

  for (let s = 0; s < options.shoppers; s++) {
    const token = random.token();
    const shopper: SimulatedShopper = {
      anonymousId: `sim-anon-${token}`,
      appDeviceId: `sim-app-${token}`,
      userId: `sim-user-${token}`,
      loyaltyId: `SIM-LOY-${token}`,
      bundle: random.zipf(bundles, 0.8),
      linkedAt: 0,
    };
    const visits = 1 + random.int(visitsPerShopper * 2 - 1);
    const times = Array.from({ length: visits }, () => start + random.int(options.end - start)).sort((a, b) => a - b);
    const late = random.chance(lateShare);
    const linkedAt = late ? times[times.length - 1] + HOUR : times[0] + 60_000;
    shoppers.push({ ...shopper, linkedAt });
    events.push({ kind: 'segment', at: linkedAt, path: '/v1/identify', body: { anonymousId: shopper.anonymousId, userId: shopper.userId, traits: { loyaltyId: shopper.loyaltyId }, timestamp: iso(linkedAt), messageId: `sim-${random.token()}` } });

    for (const visitAt of times) {
      const channel = random.pick(['web', 'web', 'app', 'store'] as const);
      const seen = Array.from({ length: 1 + random.int(4) }, () => productOf(shopper.bundle));
      if (channel === 'store') {
        const basket = [...new Map(seen.slice(0, 1 + random.int(2)).map((p) => [p.productId, p])).values()];
        const transactionId = `SIM-T-${random.token()}`;
        const transaction: SimulatedStoreTransaction['transaction'] = {
          transactionId,
          kind: 'order',
          storeId: random.pick(stores),
          occurredAt: iso(visitAt),
          currency: 'EUR',
          lines: basket.map((p) => ({ productId: p.productId, name: p.name, quantity: 1, unitPrice: p.price })),
          customer: { loyaltyId: shopper.loyaltyId },
        };
        events.push({ kind: 'store', at: visitAt, transaction });
        const returned = random.chance(returnRate);
        purchases.push({ shopper: s, at: visitAt, channel: 'store', productIds: basket.map((p) => p.productId), returned });
        if (returned) {
          const at = visitAt + 24 * HOUR * (1 + random.int(10));
          events.push({ kind: 'store', at, transaction: { ...transaction, transactionId: `SIM-R-${random.token()}`, kind: 'return', occurredAt: iso(at), originalTransactionId: transactionId } });
        }
        continue;
      }
      const identity = channel === 'app' ? { anonymousId: shopper.appDeviceId, ...(visitAt >= linkedAt ? { userId: shopper.userId } : {}) } : { anonymousId: shopper.anonymousId };
      const context = { channel };
      let at = visitAt;
      for (const product of seen) {
        at += 30_000 + random.int(120_000);
        events.push({ kind: 'segment', at, path: '/v1/track', body: { ...identity, event: 'Product Viewed', properties: { product_id: product.productId, name: product.name, price: product.price }, context, timestamp: iso(at), messageId: `sim-${random.token()}` } });
      }
      const carted = [...new Map(seen.filter(() => random.chance(0.5)).map((p) => [p.productId, p])).values()];
      for (const product of carted) {
        at += 20_000;
        events.push({ kind: 'segment', at, path: '/v1/track', body: { ...identity, event: 'Product Added', properties: { product_id: product.productId, name: product.name, price: product.price, quantity: 1 }, context, timestamp: iso(at), messageId: `sim-${random.token()}` } });
      }
      if (carted.length > 0 && random.chance(0.4)) {
        at += 60_000;
        const orderId = `SIM-O-${random.token()}`;
        const products = carted.map((p) => ({ product_id: p.productId, name: p.name, price: p.price, quantity: 1 }));
        const revenue = carted.reduce((sum, p) => sum + p.price, 0);
        events.push({ kind: 'segment', at, path: '/v1/track', body: { ...identity, event: 'Order Completed', properties: { order_id: orderId, currency: 'EUR', revenue, products }, context, timestamp: iso(at), messageId: `sim-${random.token()}` } });
        const returned = random.chance(returnRate);
        purchases.push({ shopper: s, at, channel: 'online', productIds: carted.map((p) => p.productId), returned });
        if (returned) {
          const refundAt = at + 24 * HOUR * (2 + random.int(10));
          events.push({ kind: 'segment', at: refundAt, path: '/v1/track', body: { ...identity, event: 'Order Refunded', properties: { order_id: orderId, currency: 'EUR', products }, context, timestamp: iso(refundAt), messageId: `sim-${random.token()}` } });
        }
      }
    }
  }
  const inWindow = events.filter((event) => event.at <= options.end).sort((a, b) => a.at - b.at);
  return { catalog, shoppers, events: inWindow, purchases: purchases.filter((p) => p.at <= options.end).sort((a, b) => a.at - b.at) };
}
