import 'reflect-metadata';
import type { Identifier } from '@touchpoint/contracts';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { identifierKey } from '../domain/identifiers';
import { defaultIdentityRules } from '../domain/identity-rules';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { identityDataSourceOptions } from './identity-data-source';
import { PostgresIdentityGraphRepository } from './postgres-identity-graph.repository';

interface GraphEvent {
  readonly messageId: string;
  readonly identifiers: readonly Identifier[];
}

/**
 * Customers with disjoint identifiers and one userId each; every event carries some of one
 * customer's identifiers. So no event ever asks for two userIds on a profile, and the rules
 * never refuse: the final grouping must be the connected components of the events, whatever
 * their order and however often each is delivered.
 */
const scenarioArb = fc
  .array(
    fc.record({
      customer: fc.nat({ max: 3 }),
      picks: fc.uniqueArray(fc.constantFrom('userId', 'loyaltyId', 'email', 'anon0', 'anon1', 'anon2', 'device'), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 14 },
  )
  .map((rows) =>
    rows.map(({ customer, picks }, index): GraphEvent => ({
      messageId: `m${index}`,
      identifiers: picks.map((pick): Identifier => {
        if (pick === 'userId') return { type: 'userId', value: `u${customer}` };
        if (pick === 'loyaltyId') return { type: 'loyaltyId', value: `L${customer}` };
        if (pick === 'email') return { type: 'email', value: `e${customer}` };
        if (pick === 'device') return { type: 'deviceId', value: `d${customer}` };
        return { type: 'anonymousId', value: `${pick}-${customer}` };
      }),
    })),
  );

/** A partition of identifier keys into groups, in a canonical order, comparable with toEqual. */
function canonical(groups: Iterable<Iterable<string>>): string[][] {
  return [...groups].map((group) => [...group].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function components(events: readonly GraphEvent[]): string[][] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    const up = parent.get(key) ?? key;
    if (up === key) return key;
    const root = find(up);
    parent.set(key, root);
    return root;
  };
  for (const event of events) {
    const keys = event.identifiers.map(identifierKey);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) parent.set(find(key), find(keys[0]));
  }
  const groups = new Map<string, string[]>();
  for (const key of parent.keys()) groups.set(find(key), [...(groups.get(find(key)) ?? []), key]);
  return canonical(groups.values());
}

const mergingExample: GraphEvent[] = [
  { messageId: 'x0', identifiers: [{ type: 'anonymousId', value: 'web-0' }] },
  { messageId: 'x1', identifiers: [{ type: 'loyaltyId', value: 'L-0' }] },
  { messageId: 'x2', identifiers: [{ type: 'loyaltyId', value: 'L-0' }, { type: 'anonymousId', value: 'web-0' }] },
];

describe('PostgresIdentityGraphRepository properties (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let graph: PostgresIdentityGraphRepository;

  beforeAll(async () => {
    database = await createTestDatabase('property');
    dataSource = new DataSource(identityDataSourceOptions(database.url));
    await dataSource.initialize();
    graph = new PostgresIdentityGraphRepository(dataSource, defaultIdentityRules);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const reset = () => dataSource.query('TRUNCATE merge_refusals, merge_moves, merge_log, blocked_links, unmerges, identifier_pairings, shared_identifiers, identifiers, profiles');
  const seenAt = new Date('2026-01-01T10:00:00Z');

  async function run(events: readonly GraphEvent[]): Promise<string[][]> {
    for (const event of events) await graph.resolve({ messageId: event.messageId, identifiers: event.identifiers, seenAt, receivedAt: seenAt, erasureKeys: [] });
    const rows: { type: string; value: string; profile_id: string }[] = await dataSource.query('SELECT type, value, profile_id FROM identifiers');
    const groups = new Map<string, string[]>();
    for (const row of rows) groups.set(row.profile_id, [...(groups.get(row.profile_id) ?? []), `${row.type}:${row.value}`]);
    return canonical(groups.values());
  }

  const counts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*) FROM profiles WHERE merged_into IS NULL)::int AS live, (SELECT count(*) FROM merge_log)::int AS merges,
              (SELECT count(*) FROM merge_refusals)::int AS refusals`,
    ))[0] as { live: number; merges: number; refusals: number };

  it('groups identifiers by the events that link them, whatever the order, and duplicates change nothing', async () => {
    let mergesSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        scenarioArb.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }), fc.subarray(events))),
        async ([events, shuffled, duplicates]) => {
          const expected = components(events);

          await reset();
          expect(await run(events)).toEqual(expected);
          const inOrder = await counts();
          expect(inOrder.refusals).toBe(0);
          mergesSeen += inOrder.merges;

          await reset();
          // Another order, with some events delivered twice along the way.
          const grouping = await run([...shuffled, ...duplicates]);
          expect(grouping).toEqual(expected);
          const before = await counts();
          expect(before.live).toBe(expected.length);

          // Redelivering everything again moves nothing, merges nothing, creates nothing.
          expect(await run(shuffled)).toEqual(grouping);
          expect(await counts()).toEqual(before);
        },
      ),
      // Random scenarios do not always merge; this one does (two profiles, then the link), in every order.
      { numRuns: 15, examples: [[[mergingExample, [...mergingExample].reverse(), [mergingExample[2]]]]] },
    );
    // The scenarios must exercise merging, not only creating and attaching.
    expect(mergesSeen).toBeGreaterThan(0);
  }, 120_000);
});
