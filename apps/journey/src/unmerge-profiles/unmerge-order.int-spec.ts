import { createHash, randomUUID } from 'node:crypto';
import type { JourneyTransitionV2, ProfilesMerged, ProfilesUnmerged, ResolvedEvent } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';
import { deriveJourney, eventEntry, foldJourney } from '@touchpoint/journey-model';
import type { TestDatabase } from '@touchpoint/persistence';
import { Client } from 'pg';
import { originIdentifierOf } from '../apply-journey-entries/entry-of-resolved-event';
import type { JourneyDocument } from '../journey-record/journey-document';
import { carted, merge, resolved, storeSale, track, viewed } from '../testing/events';
import { createJourneyDatabase, eventually, getJson, type JourneyInstance, JourneyTopics, startJourney } from '../testing/journey-under-test';
import { testDefinitions } from '../testing/test-definitions';

jest.setTimeout(90_000);

const definitions = testDefinitions();

/**
 * The shop assistant A and the walk-in B, merged by the assistant's card on B's purchase; B
 * browses on under her email while merged; then identity undoes the merge. A keeps only her
 * own cart; the purchase and everything that arrived under B's side goes back to B.
 */
function scenario() {
  const [a, b, marker] = [randomUUID(), randomUUID(), randomUUID()];
  const t0 = Date.now() - 10 * 60_000;
  const emailB = createHash('sha256').update(`walk-in ${b}`).digest('hex');
  const sale = storeSale(`sale-${b}`, 'scarf-9', t0 + 4_000);
  const steps = {
    A: [resolved(a, carted(`cart-a-${a}`, 'scarf-9', t0))],
    B: [resolved(b, carted(`cart-b-${b}`, 'scarf-9', t0 + 1_000)), resolved(b, viewed(`view-b-${b}`, 'jacket-1', t0 + 2_000))],
    // Identity resolved these to the survivor while the two were merged.
    P: [resolved(a, sale)],
    L: [resolved(a, track({ messageId: `belt-b-${b}`, event: 'Product Viewed', at: t0 + 5_000, properties: { product_id: 'belt-3' }, context: { emailHash: emailB } }))],
    m: { ...merge(`merge:${sale.messageId}:${b}`, a, [b], t0 + 4_000), causedByMessageId: sale.messageId } satisfies ProfilesMerged,
    U: {
      unmergeId: `unmerge:merge:${sale.messageId}:${b}`,
      mergeId: `merge:${sale.messageId}:${b}`,
      survivorProfileId: a,
      restoredProfileId: b,
      restoredMergedProfileIds: [],
      restoredIdentifiers: [
        { type: 'anonymousId', value: `anon-view-b-${b}` },
        { type: 'email', value: emailB },
      ],
      linkedBy: { type: 'loyaltyId', value: `chain-a:card-${sale.messageId}` },
      causedByMessageId: sale.messageId,
      causedByProfileId: b,
      unmergedAt: new Date(t0 + 6_000).toISOString(),
    } satisfies ProfilesUnmerged,
  };
  return { a, b, marker, steps };
}
type Run = ReturnType<typeof scenario>;
type Step = 'A' | 'B' | 'P' | 'L' | 'm' | 'U';

describe(`unmerges commute with merges and events (${testKafkaKind()}, Postgres)`, () => {
  let kafka: TestKafka;
  let database: TestDatabase;
  let journey: JourneyInstance;
  let topics: JourneyTopics;
  let db: Client;

  const journeyOf = (profileId: string) => getJson<JourneyDocument>(`${journey.url}/v1/profiles/${profileId}/journey`);
  const count = async (sql: string, parameters: unknown[]) => ((await db.query(sql, parameters)).rows[0] as { n: number }).n;

  async function deliver(step: Step, run: Run): Promise<void> {
    const value = run.steps[step];
    if (step === 'm') await topics.merged(run.steps.m);
    else if (step === 'U') await topics.unmerged(run.steps.U);
    else await topics.resolved(value as ResolvedEvent[]);
  }

  /** The fold each profile must end on, whatever the order: its own events, with the origins journey records. */
  function expectedProducts(profileId: string, events: readonly ResolvedEvent[]) {
    const entries = events.map((e) => eventEntry(e.event, { profileId: e.profileId, identifier: originIdentifierOf(e.event) }));
    return deriveJourney(foldJourney(profileId, entries, definitions), definitions).products;
  }

  /** Every step processed: the entries are in, the unmerge recorded, and a later merge on the merge's partition applied. */
  async function settled(run: Run): Promise<void> {
    const ids = [...run.steps.A, ...run.steps.B, ...run.steps.P, ...run.steps.L].map((e) => e.event.messageId);
    await eventually(() => count('SELECT count(DISTINCT message_id)::int AS n FROM journey_entries WHERE message_id = ANY($1)', [ids]), (n) => n === ids.length, 'entries');
    await eventually(() => count('SELECT count(*)::int AS n FROM journey_unmerges WHERE unmerge_id = $1', [run.steps.U.unmergeId]), (n) => n === 1, 'the unmerge');
    // Same topic and key as the wrong merge, so applied after it: once it is, the wrong merge was handled (ignored or applied).
    const after = merge(`marker-${run.marker}`, run.a, [run.marker], Date.now());
    await topics.merged(after);
    await eventually(() => count('SELECT count(*)::int AS n FROM journey_merges WHERE merge_id = $1', [after.mergeId]), (n) => n === 1, 'the marker merge');
  }

  async function expectSplit(run: Run): Promise<void> {
    await settled(run);
    const [a, b] = [await journeyOf(run.a), await journeyOf(run.b)];
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.products).toEqual(expectedProducts(run.a, run.steps.A));
    expect(b.body.products).toEqual(expectedProducts(run.b, [...run.steps.B, ...run.steps.P, ...run.steps.L]));
    // The assistant's scarf is in her cart again and not hers by purchase; the walk-in bought hers.
    expect(a.body.products['scarf-9']).toMatchObject({ unitsInCart: 1, unitsOwned: 0 });
    expect(b.body.products['scarf-9']).toMatchObject({ unitsOwned: 1, lastPurchaseChannel: 'store' });
    expect(b.body.products['belt-3']).toBeDefined();
    expect(a.body.products['belt-3']).toBeUndefined();

    // What a consumer of the transitions ends up believing for each profile, highest revision last.
    for (const [profileId, products] of [[run.a, a.body.products], [run.b, b.body.products]] as const) {
      const said = await eventually(
        async () => topics.transitionsOf(profileId),
        (all) => all.length > 0 && all.reduce((best, t) => (t.revision > best.revision ? t : best)).revision >= 1,
        `transitions of ${profileId}`,
      );
      const last = said.reduce((best, t) => (t.revision > best.revision ? t : best));
      expect(last.kind).toBe('changed');
      const told = new Map<string, unknown>();
      for (const t of [...said].sort((x, y) => x.revision - y.revision)) for (const p of t.products) told.set(p.productId, p.after);
      for (const [productId, status] of Object.entries(products)) expect(told.get(productId)).toEqual(status);
    }
  }

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createJourneyDatabase('unmerges');
    const keyPrefix = `tp-test-journey-unmerges-${randomUUID()}:`;
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

  it('in order: the merge, the purchase and a view while merged, then the unmerge: both re-folded, the walk-in live again', async () => {
    const run = scenario();
    for (const step of ['A', 'B', 'm', 'P', 'L'] as Step[]) {
      await deliver(step, run);
      if (step === 'm') await eventually(() => count('SELECT count(*)::int AS n FROM journey_merges WHERE merge_id = $1', [run.steps.m.mergeId]), (n) => n === 1, 'merge');
    }
    await eventually(async () => (await journeyOf(run.b)).status, (status) => status === 308, 'the walk-in retired');
    await eventually(async () => (await journeyOf(run.a)).body.products?.['belt-3'], Boolean, 'the view while merged');
    await deliver('U', run);
    await expectSplit(run);
    const unmergeSaid = (profileId: string) => topics.transitionsOf(profileId).filter((t: JourneyTransitionV2) => t.cause.kind === 'unmerge');
    expect(unmergeSaid(run.a)).toHaveLength(1);
    expect(unmergeSaid(run.b)).toEqual([expect.objectContaining({ kind: 'changed', cause: { kind: 'unmerge', id: run.steps.U.unmergeId }, before: null })]);

    // Twice: nothing more is said under either id (the marker merge after it is the positive sign it was handled).
    await deliver('U', run);
    const again = merge(`marker2-${run.marker}`, run.a, [randomUUID()], Date.now());
    await topics.merged(again);
    await eventually(() => count('SELECT count(*)::int AS n FROM journey_merges WHERE merge_id = $1', [again.mergeId]), (n) => n === 1, 'second marker');
    await eventually(() => count('SELECT count(*)::int AS n FROM journey_unmerges WHERE unmerge_id = $1', [run.steps.U.unmergeId]), (n) => n === 1, 'one unmerge');
    expect(unmergeSaid(run.a)).toHaveLength(1);
    expect(unmergeSaid(run.b)).toHaveLength(1);
  });

  it.each([['U A B P L m'], ['A B m P U L'], ['A U B m L P']])('in the order %s, the same split', async (order) => {
    const run = scenario();
    for (const step of order.split(' ') as Step[]) {
      await deliver(step, run);
      // One step at a time, so the order is the one named (the topics are consumed by different groups).
      if (step === 'U') await eventually(() => count('SELECT count(*)::int AS n FROM journey_unmerges WHERE unmerge_id = $1', [run.steps.U.unmergeId]), (n) => n === 1, 'unmerge');
      if (step === 'm') {
        const marker = merge(`step-marker-${randomUUID()}`, run.a, [randomUUID()], Date.now());
        await topics.merged(marker);
        await eventually(() => count('SELECT count(*)::int AS n FROM journey_merges WHERE merge_id = $1', [marker.mergeId]), (n) => n === 1, 'merge handled');
      }
      if (['A', 'B', 'P', 'L'].includes(step)) {
        const ids = (run.steps[step] as ResolvedEvent[]).map((e) => e.event.messageId);
        await eventually(() => count('SELECT count(DISTINCT message_id)::int AS n FROM journey_entries WHERE message_id = ANY($1)', [ids]), (n) => n === ids.length, `step ${step}`);
      }
    }
    await expectSplit(run);
  });
});
