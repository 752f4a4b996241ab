import { randomUUID } from 'node:crypto';
import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import type { TestDatabase } from '@touchpoint/persistence';
import type { JourneyDocument } from './journey-record/journey-document';
import type { TimelineResponse } from './get-timeline/timeline.http.controller';
import { carted, resolved, storeReturn, storeSale, track, viewed } from './testing/events';
import { createJourneyDatabase, eventually, getJson, type JourneyInstance, JourneyTopics, startJourney } from './testing/journey-under-test';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

describe(`journey service against the ${testKafkaKind()}, Postgres and Redis`, () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let journey: JourneyInstance;
  let topics: JourneyTopics;

  const journeyOf = (profileId: string) => getJson<JourneyDocument>(`${journey.url}/v1/profiles/${profileId}/journey`);
  const journeyWhen = (profileId: string, check: (document: JourneyDocument) => boolean, what: string) =>
    eventually(() => journeyOf(profileId), (answer) => answer.status === 200 && check(answer.body), what).then((answer) => answer.body);

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('service');
    const keyPrefix = `tp-test-journey-${randomUUID()}:`;
    journey = await startJourney({ brokers: kafka.address, databaseUrl: database.url, keyPrefix });
    topics = new JourneyTopics(journey.app.get(EventPublisher), kafka.address, keyPrefix);
    await topics.start();
  }, 120_000);

  afterAll(async () => {
    await topics?.stop();
    await journey?.stop();
    await database?.drop();
    await kafka?.dispose();
  });

  it('folds a cart, a store sale and a partial return into product status, stage and tier, with the rules behind them', async () => {
    const profileId = randomUUID();
    const t0 = Date.now() - HOUR;
    await topics.resolved([
      resolved(profileId, viewed(`v-${profileId}`, 'jacket-42', t0)),
      resolved(profileId, carted(`c-${profileId}`, 'jacket-42', t0 + 1_000, 2)),
    ]);
    await topics.resolved([resolved(profileId, storeSale(`s-${profileId}`, 'jacket-42', t0 + 60_000, { quantity: 2, orderId: `order-${profileId}` }))]);
    await topics.resolved([resolved(profileId, storeReturn(`r-${profileId}`, 'jacket-42', t0 + 120_000, `order-${profileId}`, 1))]);

    const document = await journeyWhen(profileId, (d) => d.products['jacket-42']?.unitsReturned === 1, 'the partial return');
    expect(document.products['jacket-42']).toMatchObject({ unitsBought: 2, unitsReturned: 1, unitsOwned: 1, unitsInCart: 0, lastPurchaseChannel: 'store', lastPurchaseStoreId: 'store-ams-01' });
    expect(document.summary).toMatchObject({ stage: 'action', tier: 'small', currency: 'EUR', trailingSpend: 100 });
    expect(document.summary.stageRule).toMatch(/action/);
    expect(document.summary.tierRule).toMatch(/small/);

    const transitions = topics.transitionsOf(profileId);
    expect(transitions.length).toBeGreaterThanOrEqual(2);
    const last = transitions[transitions.length - 1];
    expect(last.products.find((p) => p.productId === 'jacket-42')?.after).toMatchObject({ unitsOwned: 1 });
    expect(last.before).not.toBeNull();
  });

  it('answers the timeline in pages, touchpoints and transitions in time order', async () => {
    const profileId = randomUUID();
    const t0 = Date.now() - 2 * HOUR;
    const events = Array.from({ length: 7 }, (_, i) => resolved(profileId, viewed(`tl-${profileId}-${i}`, `product-${i}`, t0 + i * 1_000)));
    await topics.resolved(events);
    await journeyWhen(profileId, (d) => Object.keys(d.products).length === 7, 'seven viewed products');

    const items: TimelineResponse['items'][number][] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after ? `?limit=3&after=${after}` : '?limit=3';
      const page = await getJson<TimelineResponse>(`${journey.url}/v1/profiles/${profileId}/timeline${query}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      after = page.body.next;
      pages++;
    } while (after && pages < 20);
    const touchpoints = items.filter((item) => item.type === 'touchpoint');
    expect(touchpoints.map((item) => item.type === 'touchpoint' && item.messageId)).toEqual(events.map((e) => e.event.messageId));
    expect(items.some((item) => item.type === 'transition' && item.stage === 'consideration')).toBe(true);
    const times = items.map((item) => Date.parse(item.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(pages).toBeGreaterThan(2);
  });

  it('refuses reads without the read token, and a malformed id or cursor with the parameter named', async () => {
    const profileId = randomUUID();
    expect((await getJson(`${journey.url}/v1/profiles/${profileId}/journey`, null)).status).toBe(401);
    const bad = await getJson<{ code: string }>(`${journey.url}/v1/profiles/not-a-uuid/journey`);
    expect(bad).toMatchObject({ status: 400, body: { code: 'TP_REQUEST_INVALID' } });
    const cursor = await getJson<{ code: string; details: { path: string }[] }>(`${journey.url}/v1/profiles/${profileId}/timeline?after=nonsense`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.details.map((d) => d.path)).toContain('after');
    expect((await getJson<{ code: string }>(`${journey.url}/v1/profiles/${profileId}/journey`)).body.code).toBe('TP_PROFILE_NOT_FOUND');
  });

  it('keeps the earliest copy of a re-sent event: no transition id is ever reused with other content', async () => {
    const profileId = randomUUID();
    const t0 = Date.now() - 3 * HOUR;
    const original = carted(`dup-${profileId}`, 'boots-11', t0 + 10);
    const shiftedLater = { ...original, timestamp: new Date(t0 + 13).toISOString() };
    const shiftedEarlier = { ...original, timestamp: new Date(t0 + 7).toISOString() };
    await topics.resolved([resolved(profileId, original)]);
    await journeyWhen(profileId, (d) => d.products['boots-11']?.unitsInCart === 1, 'the cart');
    await topics.resolved([resolved(profileId, shiftedLater)]);
    await topics.resolved([resolved(profileId, shiftedEarlier)]);
    // A later event is the marker that every copy before it was processed.
    await topics.resolved([resolved(profileId, viewed(`after-dup-${profileId}`, 'socks-2', t0 + 1_000))]);
    const document = await journeyWhen(profileId, (d) => d.products['socks-2']?.viewed === true, 'the marker');

    expect(document.products['boots-11']?.unitsInCart).toBe(1);
    const contents = new Map<string, string>();
    for (const transition of topics.transitionsOf(profileId)) {
      const content = JSON.stringify(transition);
      expect(contents.get(transition.transitionId) ?? content).toBe(content);
      contents.set(transition.transitionId, content);
    }
    const timeline = await getJson<TimelineResponse>(`${journey.url}/v1/profiles/${profileId}/timeline?limit=50`);
    const copies = timeline.body.items.filter((item) => item.type === 'touchpoint' && item.messageId === original.messageId);
    expect(copies.map((item) => item.at)).toEqual([shiftedEarlier.timestamp]);
  });

  it('abandons a cart after the idle time, and withdraws it when a store sale that came later happened earlier', async () => {
    const profileId = randomUUID();
    const cartAt = Date.now() - 3 * HOUR;
    await topics.resolved([resolved(profileId, carted(`ab-c-${profileId}`, 'jacket-42', cartAt))]);
    const abandoned = await journeyWhen(profileId, (d) => d.products['jacket-42']?.cartAbandoned === true, 'the abandonment timer');
    expect(abandoned.summary.audiences).toContain('cart_abandoner');
    // The state is committed before its transition is published: wait for the transition on the topic.
    const abandonment = await eventually(async () => topics.transitionsOf(profileId).find((t) => t.cause.kind === 'timer'), (t) => t !== undefined, 'the abandonment transition');
    expect(abandonment?.products[0]?.after?.cartAbandoned).toBe(true);

    // A CSV upload of a till sale ten minutes after the cart, well before the abandonment.
    await topics.resolved([resolved(profileId, storeSale(`ab-s-${profileId}`, 'jacket-42', cartAt + 10 * 60_000))]);
    const bought = await journeyWhen(profileId, (d) => d.products['jacket-42']?.unitsOwned === 1, 'the late store sale');
    expect(bought.products['jacket-42']).toMatchObject({ cartAbandoned: false, unitsInCart: 0 });
    expect(bought.summary.audiences).not.toContain('cart_abandoner');
    const withdrawal: JourneyTransitionV2 | undefined = topics.transitionsOf(profileId).at(-1);
    expect(withdrawal?.products.find((p) => p.productId === 'jacket-42')).toMatchObject({ before: { cartAbandoned: true }, after: { cartAbandoned: false, unitsOwned: 1 } });
  });

  it('reads consent from Segment context, the latest statement by event time winning', async () => {
    const profileId = randomUUID();
    const t0 = Date.now() - 4 * HOUR;
    const consent = (messageId: string, at: number, advertising: boolean) =>
      track({ messageId, event: 'Page Viewed', at, context: { consent: { categoryPreferences: { Advertising: advertising, Personalization: true } } } });
    // The later statement arrives first.
    await topics.resolved([resolved(profileId, consent(`cs-2-${profileId}`, t0 + 2_000, false))]);
    await topics.resolved([resolved(profileId, consent(`cs-1-${profileId}`, t0 + 1_000, true))]);
    await topics.resolved([resolved(profileId, viewed(`cs-m-${profileId}`, 'marker', t0 + 3_000))]);
    const document = await journeyWhen(profileId, (d) => d.products['marker']?.viewed === true, 'the marker');
    expect(document.summary.consent.advertising).toEqual({ granted: false, at: new Date(t0 + 2_000).toISOString() });
    expect(document.summary.consent.personalization.granted).toBe(true);
  });
});
