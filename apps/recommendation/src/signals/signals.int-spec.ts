import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, type ResolvedEvent, segmentMessageSchema, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { testKafkaKind, waitFor } from '@touchpoint/kafka-testing';
import { Client } from 'pg';
import { boughtInStore } from '../testing/journey-view';
import { recommendationSuite } from '../testing/recommendation-suite';
import { changed } from '../testing/transitions';
import { ListRefresher } from '../refresh-lists/list-refresher';
import { LiveSignals } from './live-signals';

const resolved = (profileId: string, event: string, properties: Record<string, unknown>, at: number, messageId: string = randomUUID()): ResolvedEvent => ({
  profileId,
  identifiers: [],
  event: segmentMessageSchema.parse({ type: 'track', messageId, anonymousId: `anon-${profileId}`, event, properties, context: { channel: 'web' }, timestamp: new Date(at).toISOString(), receivedAt: new Date(at).toISOString() }),
});

describe(`co-occurrence signals from resolved events on the ${testKafkaKind()}`, () => {
  let sql: Client | null = null;
  // Declared before the suite: jest runs this teardown first, so the database is dropped with no client left on it.
  afterAll(async () => {
    await sql?.end();
  });
  const suite = recommendationSuite('signals');
  const query = async <R extends object>(text: string, values: unknown[] = []) => {
    if (sql === null) {
      sql = new Client({ connectionString: suite.database.url });
      await sql.connect();
    }
    return (await sql.query<R>(text, values)).rows;
  };

  const publishResolved = (events: ResolvedEvent[]) =>
    suite.service.app.get(EventPublisher).publish(
      Topics.eventsResolved,
      events.map((value) => ({ id: `resolved:${value.event.messageId}`, value })),
    );
  const pairValue = async (kind: string, a: string, b: string): Promise<number | null> => {
    const rows = await query<{ value: number }>('SELECT value FROM recommendation_signal_pairs WHERE kind = $1 AND product_id = $2 AND other_id = $3', [kind, a, b]);
    return rows[0]?.value ?? null;
  };

  it('counts baskets and visits once per messageId, and lists what is bought together after a purchase', async () => {
    const now = Date.now();
    const order = (profileId: string, products: string[], messageId?: string) => resolved(profileId, 'Order Completed', { order_id: randomUUID(), products: products.map((product_id) => ({ product_id, price: 10, quantity: 1 })) }, now, messageId);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const repeated = order(a, ['tent-1', 'stove-2']);
    await publishResolved([repeated, repeated, order(b, ['tent-1', 'stove-2', 'mat-3']), order(c, ['tent-1', 'mat-3'])]);
    await publishResolved([resolved(a, 'Product Viewed', { product_id: 'tent-1' }, now), resolved(a, 'Product Viewed', { product_id: 'lamp-4' }, now + 60_000)]);
    await waitFor(async () => ((await pairValue('viewed_together', 'tent-1', 'lamp-4')) !== null ? true : undefined), 'the visit counted');
    expect(await pairValue('bought_together', 'tent-1', 'stove-2')).toBeCloseTo(2, 3);
    expect(await pairValue('bought_together', 'tent-1', 'mat-3')).toBeCloseTo(2, 3);
    expect(await pairValue('bought_together', 'stove-2', 'mat-3')).toBeCloseTo(1, 3);
    const scopes = await query<{ scope: string; value: number }>("SELECT scope, value FROM recommendation_signal_popularity WHERE product_id = 'tent-1' ORDER BY scope");
    expect(scopes).toEqual([{ scope: 'all', value: expect.closeTo(3.25, 3) }]);

    await suite.service.app.get(LiveSignals).reload();
    const buyer = randomUUID();
    await suite.service.publishTransitions(changed(buyer, `sale-${buyer}`, { 'tent-1': boughtInStore(new Date(now).toISOString()) }));
    const list = await suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === buyer && m.type === 'recommendations.updated', 20_000, 'the list');
    expect(list.value.type === 'recommendations.updated' && list.value.items.map((i) => [i.productId, i.reason, i.becauseOf])).toEqual([
      ['mat-3', 'bought_together', 'tent-1'],
      ['stove-2', 'bought_together', 'tent-1'],
      ['lamp-4', 'viewed_together', 'tent-1'],
    ]);
  }, 60_000);

  it('refreshes a quiet profile\'s list from the latest signals, under the refresh period as cause', async () => {
    const now = Date.now();
    const buyer = randomUUID();
    await suite.service.publishTransitions(changed(buyer, `sale-${buyer}`, { 'kayak-1': boughtInStore(new Date(now).toISOString()) }));
    await waitFor(async () => ((await suite.service.get(`/v1/profiles/${buyer}/decisions?limit=1`)).statusCode === 200 ? true : undefined), 'the sale decided');
    // Others now buy paddles with kayaks; the buyer does nothing.
    await publishResolved([resolved(randomUUID(), 'Order Completed', { products: [{ product_id: 'kayak-1' }, { product_id: 'paddle-2' }] }, now)]);
    await waitFor(async () => ((await pairValue('bought_together', 'kayak-1', 'paddle-2')) !== null ? true : undefined), 'the basket counted');
    expect(await suite.service.app.get(ListRefresher).refreshAll(now)).toBeGreaterThanOrEqual(1);
    const list = await suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === buyer && m.type === 'recommendations.updated', 20_000, 'the refreshed list');
    expect(list.value).toMatchObject({ cause: { kind: 'timer' }, items: [{ productId: 'paddle-2', reason: 'bought_together', becauseOf: 'kayak-1' }] });
    // A second walk in the same period tells nothing new.
    expect(await suite.service.app.get(ListRefresher).refreshAll(now)).toBe(0);
  }, 60_000);
});
