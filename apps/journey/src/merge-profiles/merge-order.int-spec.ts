import { randomUUID } from 'node:crypto';
import type { JourneyTransitionV2, ProfilesMerged, ResolvedEvent } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { deriveJourney, eventEntry, foldJourney } from '@touchpoint/journey-model';
import type { TestDatabase } from '@touchpoint/persistence';
import { Client } from 'pg';
import { testDefinitions } from '../testing/test-definitions';
import type { JourneyDocument } from '../journey-record/journey-document';
import { carted, merge, resolved, storeSale, viewed } from '../testing/events';
import { createJourneyDatabase, eventually, getJson, type JourneyInstance, JourneyTopics, startJourney } from '../testing/journey-under-test';

jest.setTimeout(60_000);

const definitions = testDefinitions();

/** One customer known under three profiles until identity links them: A into B, then B into C. */
function scenario() {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  // Recent enough that no timer (cart abandonment after an hour) comes due while the spec runs.
  const t0 = Date.now() - 10 * 60_000;
  const cartA = carted(`cart-a-${a}`, 'jacket-42', t0 + 1_000);
  const steps = {
    A: [resolved(a, viewed(`view-a-${a}`, 'jacket-42', t0)), resolved(a, cartA)],
    B: [resolved(b, storeSale(`sale-b-${b}`, 'jacket-42', t0 + 60_000))],
    C: [resolved(c, viewed(`view-c-${c}`, 'boots-11', t0 + 30_000)), resolved(c, carted(`cart-c-${c}`, 'boots-11', t0 + 120_000))],
    // The cart event again, redelivered under the final survivor with its timestamp shifted by a few ms.
    D: [resolved(c, { ...cartA.valueOf(), timestamp: new Date(t0 + 1_004).toISOString() } as typeof cartA)],
    m1: merge(`m1-${a}`, b, [a], t0 + 200_000),
    m2: merge(`m2-${b}`, c, [b], t0 + 300_000),
  };
  return { a, b, c, steps };
}
type Step = 'A' | 'B' | 'C' | 'D' | 'm1' | 'm2';

describe(`merges commute with events and with each other (${testKafkaKind()}, Postgres)`, () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let journey: JourneyInstance;
  let topics: JourneyTopics;
  let db: Client;

  const journeyOf = (profileId: string) => getJson<JourneyDocument>(`${journey.url}/v1/profiles/${profileId}/journey`);
  const applied = async (messageIds: readonly string[], mergeIds: readonly string[]): Promise<boolean> => {
    const entries = await db.query('SELECT count(DISTINCT message_id)::int AS n FROM journey_entries WHERE message_id = ANY($1)', [messageIds]);
    const merges = await db.query('SELECT count(*)::int AS n FROM journey_merges WHERE merge_id = ANY($1)', [mergeIds]);
    return (entries.rows[0] as { n: number }).n === new Set(messageIds).size && (merges.rows[0] as { n: number }).n === mergeIds.length;
  };

  async function deliver(step: Step, steps: ReturnType<typeof scenario>['steps'], wait: boolean): Promise<void> {
    const value = steps[step];
    if (Array.isArray(value)) await topics.resolved(value as ResolvedEvent[]);
    else await topics.merged(value as ProfilesMerged);
    if (!wait) return;
    const messageIds = Array.isArray(value) ? (value as ResolvedEvent[]).map((r) => r.event.messageId) : [];
    const mergeIds = Array.isArray(value) ? [] : [(value as ProfilesMerged).mergeId];
    await eventually(() => applied(messageIds, mergeIds), Boolean, `step ${step} applied`);
  }

  /** What the state must be whatever the order: the fold of every event, each messageId's earliest copy. */
  function expectedView(run: ReturnType<typeof scenario>) {
    const events = [...run.steps.A, ...run.steps.B, ...run.steps.C, ...run.steps.D];
    return deriveJourney(foldJourney(run.c, events.map((e) => eventEntry(e.event, { profileId: e.profileId, identifier: null })), definitions), definitions);
  }

  async function settled(run: ReturnType<typeof scenario>): Promise<JourneyDocument> {
    const all = [...run.steps.A, ...run.steps.B, ...run.steps.C, ...run.steps.D].map((e) => e.event.messageId);
    await eventually(() => applied(all, [run.steps.m1.mergeId, run.steps.m2.mergeId]), Boolean, 'every step applied');
    // A marker sent to the oldest retired id must land in the final survivor.
    const marker = resolved(run.a, viewed(`marker-${run.a}`, 'marker', Date.now() - 3_600_000));
    await topics.resolved([marker]);
    return eventually(() => journeyOf(run.c), (answer) => answer.status === 200 && answer.body.products['marker'] !== undefined, 'the marker in the survivor').then((a) => a.body);
  }

  async function expectConverged(run: ReturnType<typeof scenario>): Promise<void> {
    const document = await settled(run);
    const expected = expectedView(run);
    const { marker: _marker, ...products } = document.products;
    expect(products).toEqual(expected.products);
    expect(document.summary.stage).toBe('action');
    expect(products['jacket-42']).toMatchObject({ unitsOwned: 1, unitsInCart: 0, lastPurchaseChannel: 'store' });
    expect(products['boots-11']).toMatchObject({ unitsInCart: 1 });

    for (const retired of [run.a, run.b]) {
      const answer = await journeyOf(retired);
      expect(answer.status).toBe(308);
      expect(answer.location).toBe(`/v1/profiles/${run.c}/journey`);
      // Nothing is said under a retired id after its retirement: no orphan keeps emitting.
      const said = topics.transitionsOf(retired);
      const at = said.findIndex((t) => t.kind === 'retired');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(said.slice(at + 1)).toEqual([]);
    }
    const survivorSaid: JourneyTransitionV2[] = topics.transitionsOf(run.c);
    expect(survivorSaid.some((t) => t.cause.kind === 'merge' && t.mergedProfileIds.length > 0)).toBe(true);
    const contents = new Map<string, string>();
    for (const t of [...survivorSaid, ...topics.transitionsOf(run.a), ...topics.transitionsOf(run.b)]) {
      expect(contents.get(t.transitionId) ?? JSON.stringify(t)).toBe(JSON.stringify(t));
      contents.set(t.transitionId, JSON.stringify(t));
    }
  }

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('merges');
    const keyPrefix = `tp-test-journey-merges-${randomUUID()}:`;
    journey = await startJourney({ brokers: kafka.address, databaseUrl: database.url, keyPrefix });
    topics = new JourneyTopics(journey.app.get(EventPublisher), kafka.address, keyPrefix);
    await topics.start();
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await topics?.stop();
    await journey?.stop();
    await database?.drop();
    await kafka?.dispose();
  });

  const orders: Step[][] = [
    ['A', 'B', 'C', 'm1', 'm2', 'D'],
    ['m1', 'm2', 'A', 'B', 'C', 'D'],
    ['m2', 'm1', 'C', 'D', 'B', 'A'],
    ['A', 'm2', 'B', 'm1', 'D', 'C'],
    ['D', 'C', 'm2', 'B', 'A', 'm1'],
    ['B', 'm1', 'A', 'D', 'm2', 'C'],
  ];
  it.each(orders.map((order) => [order.join(' ')]))('one step at a time, in the order %s', async (order) => {
    const run = scenario();
    for (const step of order.split(' ') as Step[]) await deliver(step, run.steps, true);
    await expectConverged(run);
  });

  it('everything at once, several runs racing each other across partitions and consumers', async () => {
    const runs = Array.from({ length: 4 }, () => scenario());
    const shuffled = (seed: number): Step[] => (['A', 'B', 'C', 'D', 'm1', 'm2'] as Step[]).sort((x, y) => ((x.charCodeAt(0) * 31 + seed) % 7) - ((y.charCodeAt(0) * 31 + seed) % 7));
    await Promise.all(runs.map((run, i) => Promise.all(shuffled(i).map((step) => deliver(step, run.steps, false)))));
    for (const run of runs) await expectConverged(run);
  });
});
