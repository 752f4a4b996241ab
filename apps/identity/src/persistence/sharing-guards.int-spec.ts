import 'reflect-metadata';
import type { Identifier } from '@touchpoint/contracts';
import { DataSource } from 'typeorm';
import { buildIdentityRules } from '../domain/identity-rules';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { identityDataSourceOptions } from './identity-data-source';
import { PostgresIdentityGraphRepository } from './postgres-identity-graph.repository';

const id = (type: Identifier['type'], value: string): Identifier => ({ type, value });
const HOUR = 3_600_000;

describe('sharing guards in the identity graph (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let graph: PostgresIdentityGraphRepository;
  let sequence = 0;
  const t0 = Date.parse('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('guards');
    dataSource = new DataSource(identityDataSourceOptions(database.url));
    await dataSource.initialize();
    // Small limits keep the stories short: a card with more than 1 email, a device with more than 2 userIds, is shared.
    const rules = buildIdentityRules({ guards: { deviceMaxUserIds: 2, deviceWindowHours: 24, cardMaxContacts: 1, cardWindowHours: 24 } });
    graph = new PostgresIdentityGraphRepository(dataSource, rules);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(() => dataSource.query('TRUNCATE merge_refusals, merge_moves, merge_log, blocked_links, unmerges, identifier_pairings, shared_identifiers, identifiers, profiles'));

  const resolve = (identifiers: Identifier[], atMs = t0, messageId = `m${++sequence}`) => {
    const seenAt = new Date(atMs);
    return graph.resolve({ messageId, identifiers, seenAt, receivedAt: seenAt, erasureKeys: [] });
  };
  const profileOf = async (identifier: Identifier) => graph.findProfileId(identifier);

  it("marks a loyalty card shared once it shows a second email, and refuses the merge it would have made, with the reason", async () => {
    const card = id('loyaltyId', 'shop:1001');
    const assistant = await resolve([card, id('email', 'e-assistant')]);
    const walkIn = await resolve([id('email', 'e-walk-in'), id('anonymousId', 'walk-in-web')]);

    const purchase = await resolve([card, id('email', 'e-walk-in')], t0, 'purchase-1');

    expect(purchase.profileId).toBe(walkIn.profileId);
    expect(purchase.merges).toEqual([]);
    expect(purchase.refused).toEqual([
      expect.objectContaining({ profileId: assistant.profileId, reason: 'shared_identifier', linkedBy: card }),
    ]);
    expect(await profileOf(card)).toBe(assistant.profileId);
    const shared = await dataSource.query(`SELECT type, value, guard, counted_type, distinct_count, max_allowed, caused_by_message_id FROM shared_identifiers`);
    expect(shared).toEqual([
      { type: 'loyaltyId', value: 'shop:1001', guard: 'card', counted_type: 'email', distinct_count: 2, max_allowed: 1, caused_by_message_id: 'purchase-1' },
    ]);
    const refusals = await dataSource.query(`SELECT reason, profile_id, refused_profile_id, limit_type, caused_by_message_id FROM merge_refusals`);
    expect(refusals).toEqual([
      { reason: 'shared_identifier', profile_id: walkIn.profileId, refused_profile_id: assistant.profileId, limit_type: null, caused_by_message_id: 'purchase-1' },
    ]);
  });

  it('a redelivery of the refused event records nothing twice', async () => {
    const card = id('loyaltyId', 'shop:1001');
    await resolve([card, id('email', 'e-assistant')]);
    await resolve([id('email', 'e-walk-in')]);
    await resolve([card, id('email', 'e-walk-in')], t0, 'purchase-2');
    await resolve([card, id('email', 'e-walk-in')], t0, 'purchase-2');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM merge_refusals`)).toEqual([{ n: 1 }]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM shared_identifiers`)).toEqual([{ n: 1 }]);
  });

  it('a device merges while it shows at most the maximum of userIds, and stops merging past it', async () => {
    const tablet = id('deviceId', 'family-tablet');
    const mum = await resolve([tablet, id('userId', 'mum')]);
    // The second userId on the device is refused by the one-userId-per-profile rule, not by the guard.
    const dad = await resolve([tablet, id('userId', 'dad')]);
    expect(dad.refused.map((refusal) => refusal.reason)).toEqual(['max_per_profile']);
    const kid = await resolve([id('anonymousId', 'kid-browser')]);
    // Two userIds so far: not shared, so the tablet still links the kid's browser to mum's profile.
    const kidOnTablet = await resolve([tablet, id('anonymousId', 'kid-browser')]);
    expect(kidOnTablet.merges.map((merge) => merge.mergedProfileId)).toEqual([kid.profileId]);
    expect(kidOnTablet.profileId).toBe(mum.profileId);

    await resolve([tablet, id('userId', 'gran')]);
    const laterBrowser = await resolve([id('anonymousId', 'visitor')]);
    const visitorOnTablet = await resolve([tablet, id('anonymousId', 'visitor')]);
    expect(visitorOnTablet.profileId).toBe(laterBrowser.profileId);
    expect(visitorOnTablet.merges).toEqual([]);
    expect(visitorOnTablet.refused.map((refusal) => refusal.reason)).toEqual(['shared_identifier']);
    expect(await dataSource.query(`SELECT guard, counted_type, distinct_count FROM shared_identifiers`)).toEqual([
      { guard: 'device', counted_type: 'userId', distinct_count: 3 },
    ]);
  });

  it('counts only the userIds seen within the window', async () => {
    const tablet = id('deviceId', 'old-tablet');
    await resolve([tablet, id('userId', 'first')], t0);
    await resolve([tablet, id('userId', 'second')], t0 + 1 * HOUR);
    // 30 hours on, 'second' is out of the 24-hour window; 'third' and the userId of the profile the
    // tablet points at ('first', linked through it) count: two, not shared.
    await resolve([tablet, id('userId', 'third')], t0 + 30 * HOUR);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM shared_identifiers`)).toEqual([{ n: 0 }]);
    await resolve([tablet, id('userId', 'fourth')], t0 + 31 * HOUR);
    expect(await dataSource.query(`SELECT value FROM shared_identifiers`)).toEqual([{ value: 'old-tablet' }]);
  });
});
