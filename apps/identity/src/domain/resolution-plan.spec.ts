import type { Identifier } from '@touchpoint/contracts';
import fc from 'fast-check';
import { compareStrength } from './identifiers';
import { buildIdentityRules } from './identity-rules';
import { type KnownIdentifier, type LinkedProfile, planResolution } from './resolution-plan';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const id = (type: Identifier['type'], value: string): Identifier => ({ type, value });

describe('planResolution', () => {
  it('creates a profile for an event whose identifiers are all unknown', () => {
    const identifiers = [id('userId', 'u1'), id('anonymousId', 'a1')];
    expect(planResolution(identifiers, [], [])).toEqual({ target: null, attach: identifiers, merge: [], refused: [] });
  });

  it('attaches new identifiers to the one profile the event points at', () => {
    const plan = planResolution(
      [id('userId', 'u1'), id('anonymousId', 'a1')],
      [{ identifier: id('anonymousId', 'a1'), profileId: 'p1' }],
      [{ id: 'p1', createdAt: at(0), limited: [] }],
    );
    expect(plan).toEqual({ target: 'p1', attach: [id('userId', 'u1')], merge: [], refused: [] });
  });

  it('merges linked profiles into the oldest, naming the strongest identifier of the link', () => {
    const plan = planResolution(
      [id('userId', 'u1'), id('loyaltyId', 'L1'), id('anonymousId', 'a1')],
      [
        { identifier: id('anonymousId', 'a1'), profileId: 'web' },
        { identifier: id('loyaltyId', 'L1'), profileId: 'store' },
      ],
      [
        { id: 'web', createdAt: at(5), limited: [] },
        { id: 'store', createdAt: at(1), limited: [] },
      ],
    );
    expect(plan).toEqual({ target: 'store', attach: [id('userId', 'u1')], merge: [{ profileId: 'web', linkedBy: id('loyaltyId', 'L1') }], refused: [] });
  });

  it('breaks a created_at tie by profile id', () => {
    const plan = planResolution(
      [id('anonymousId', 'a1'), id('anonymousId', 'a2')],
      [
        { identifier: id('anonymousId', 'a1'), profileId: 'b' },
        { identifier: id('anonymousId', 'a2'), profileId: 'a' },
      ],
      [
        { id: 'b', createdAt: at(1), limited: [] },
        { id: 'a', createdAt: at(1), limited: [] },
      ],
    );
    expect(plan.target).toBe('a');
  });

  it('merges a profile carrying the same userId as the event', () => {
    const plan = planResolution(
      [id('userId', 'u1'), id('loyaltyId', 'L1')],
      [
        { identifier: id('userId', 'u1'), profileId: 'p2' },
        { identifier: id('loyaltyId', 'L1'), profileId: 'p1' },
      ],
      [
        { id: 'p1', createdAt: at(0), limited: [] },
        { id: 'p2', createdAt: at(1), limited: [id('userId', 'u1')] },
      ],
    );
    expect(plan).toMatchObject({ target: 'p1', merge: [{ profileId: 'p2', linkedBy: id('userId', 'u1') }], refused: [] });
  });

  it('never merges two userIds: the event goes to the profile of its own userId', () => {
    const plan = planResolution(
      [id('userId', 'u2'), id('loyaltyId', 'L1'), id('anonymousId', 'a9')],
      [
        { identifier: id('userId', 'u2'), profileId: 'p2' },
        { identifier: id('loyaltyId', 'L1'), profileId: 'p1' },
        { identifier: id('anonymousId', 'a9'), profileId: 'p3' },
      ],
      [
        { id: 'p1', createdAt: at(0), limited: [id('userId', 'u1')] },
        { id: 'p2', createdAt: at(2), limited: [id('userId', 'u2')] },
        { id: 'p3', createdAt: at(1), limited: [] },
      ],
    );
    // p3 carries no userId and is linked by this event, so it joins u2; p1 (u1) stays apart.
    expect(plan.target).toBe('p3');
    expect(plan.merge).toEqual([{ profileId: 'p2', linkedBy: id('userId', 'u2') }]);
    expect(plan.refused).toEqual([
      { profileId: 'p1', linkedBy: id('loyaltyId', 'L1'), reason: 'max_per_profile', limitType: 'userId', max: 1, conflicting: [id('userId', 'u1'), id('userId', 'u2')] },
    ]);
    expect(plan.attach).toEqual([]);
  });

  it('opens a new profile for an unknown userId when every linked profile has another userId', () => {
    const plan = planResolution(
      [id('userId', 'u2'), id('anonymousId', 'shared')],
      [{ identifier: id('anonymousId', 'shared'), profileId: 'p1' }],
      [{ id: 'p1', createdAt: at(0), limited: [id('userId', 'u1')] }],
    );
    expect(plan).toEqual({
      target: null,
      attach: [id('userId', 'u2')],
      merge: [],
      refused: [
        { profileId: 'p1', linkedBy: id('anonymousId', 'shared'), reason: 'max_per_profile', limitType: 'userId', max: 1, conflicting: [id('userId', 'u1'), id('userId', 'u2')] },
      ],
    });
  });

  it('without a userId, sends a conflicting event to the profile of its strongest identifier, merging only what fits', () => {
    const plan = planResolution(
      [id('loyaltyId', 'L2'), id('posCustomerId', 'C1'), id('anonymousId', 'a1')],
      [
        { identifier: id('posCustomerId', 'C1'), profileId: 'p1' },
        { identifier: id('loyaltyId', 'L2'), profileId: 'p2' },
        { identifier: id('anonymousId', 'a1'), profileId: 'p3' },
      ],
      [
        { id: 'p1', createdAt: at(0), limited: [id('userId', 'u1')] },
        { id: 'p2', createdAt: at(1), limited: [id('userId', 'u2')] },
        { id: 'p3', createdAt: at(2), limited: [] },
      ],
    );
    // p2 holds the strongest link (loyaltyId); p1 (u1) would add a second userId; p3 carries none.
    expect(plan.target).toBe('p2');
    expect(plan.merge).toEqual([{ profileId: 'p3', linkedBy: id('loyaltyId', 'L2') }]);
    expect(plan.refused.map((refused) => refused.profileId)).toEqual(['p1']);
  });

  describe('properties', () => {
    const types = ['userId', 'loyaltyId', 'anonymousId'] as const;
    const identifierArb = fc.record({ type: fc.constantFrom(...types), value: fc.constantFrom('1', '2', '3') });
    /** A random consistent graph: each identifier on at most one profile, at most one userId per profile. */
    const scenarioArb = fc
      .record({
        profileCount: fc.integer({ min: 0, max: 4 }),
        owners: fc.array(fc.tuple(identifierArb, fc.nat()), { maxLength: 9 }),
        // An event has one userId field, so it carries at most one userId.
        event: fc
          .uniqueArray(identifierArb, { minLength: 1, maxLength: 4, selector: (i) => `${i.type}:${i.value}` })
          .filter((identifiers) => identifiers.filter((i) => i.type === 'userId').length <= 1),
        minutes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
      })
      .map(({ profileCount, owners, event, minutes }) => {
        const graph = new Map<string, { identifier: Identifier; profileId: string }>();
        const userIdOf = new Map<string, string>();
        for (const [identifier, owner] of profileCount ? owners : []) {
          const profileId = `p${owner % profileCount}`;
          const key = `${identifier.type}:${identifier.value}`;
          if (graph.has(key)) continue;
          if (identifier.type === 'userId') {
            if (userIdOf.has(profileId)) continue;
            userIdOf.set(profileId, identifier.value);
          }
          graph.set(key, { identifier, profileId });
        }
        const known: KnownIdentifier[] = event.flatMap((identifier) => graph.get(`${identifier.type}:${identifier.value}`) ?? []);
        const linkedIds = [...new Set(known.map((entry) => entry.profileId))];
        const profiles: LinkedProfile[] = linkedIds.map((profileId) => ({
          id: profileId,
          createdAt: at(minutes[Number(profileId.slice(1))]),
          limited: userIdOf.has(profileId) ? [id('userId', userIdOf.get(profileId) ?? '')] : [],
        }));
        return { event, known, profiles };
      });

    it('never leaves a profile with two userIds and always picks the oldest of a merged group', () => {
      fc.assert(
        fc.property(scenarioArb, ({ event, known, profiles }) => {
          const plan = planResolution(event, known, profiles);
          const byId = new Map(profiles.map((profile) => [profile.id, profile]));
          const group = [plan.target, ...plan.merge.map((merge) => merge.profileId)].flatMap((profileId) => (profileId ? (byId.get(profileId) ?? []) : []));
          const userIds = new Set([...group.flatMap((profile) => profile.limited.map((i) => i.value)), ...plan.attach.filter((i) => i.type === 'userId').map((i) => i.value)]);
          expect(userIds.size).toBeLessThanOrEqual(1);
          for (const member of group) {
            const target = plan.target ? byId.get(plan.target) : undefined;
            if (!target) continue;
            expect(target.createdAt.getTime()).toBeLessThanOrEqual(member.createdAt.getTime());
          }
          // Every linked profile is accounted for exactly once.
          const accounted = [...group.map((profile) => profile.id), ...plan.refused.flatMap((refused) => refused.profileId ?? [])];
          expect(accounted.sort()).toEqual(profiles.map((profile) => profile.id).sort());
          // Only identifiers the graph does not know are attached; a new one not attached was refused.
          const unknown = event.filter((identifier) => !known.some((entry) => entry.identifier.type === identifier.type && entry.identifier.value === identifier.value));
          const refusedNew = plan.refused.flatMap((refused) => (refused.profileId === null ? [refused.linkedBy] : []));
          expect([...plan.attach, ...refusedNew].sort(compareStrength)).toEqual([...unknown].sort(compareStrength));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('configurable limits', () => {
    const rules = buildIdentityRules({ maxPerProfile: new Map([['loyaltyId', 1]]) });

    it('refuses a second loyalty card on a profile and does not attach it', () => {
      const plan = planResolution(
        [id('userId', 'u1'), id('loyaltyId', 'L9')],
        [{ identifier: id('userId', 'u1'), profileId: 'p1' }],
        [{ id: 'p1', createdAt: at(0), limited: [id('userId', 'u1'), id('loyaltyId', 'L1')] }],
        rules,
      );
      expect(plan.target).toBe('p1');
      expect(plan.attach).toEqual([]);
      expect(plan.refused).toEqual([
        { profileId: null, linkedBy: id('loyaltyId', 'L9'), reason: 'max_per_profile', limitType: 'loyaltyId', max: 1, conflicting: [id('loyaltyId', 'L1'), id('loyaltyId', 'L9')] },
      ]);
    });

    it('allows up to the configured maximum', () => {
      const three = buildIdentityRules({ maxPerProfile: new Map([['email', 2]]) });
      const plan = planResolution(
        [id('email', 'e2'), id('anonymousId', 'a1')],
        [{ identifier: id('anonymousId', 'a1'), profileId: 'p1' }],
        [{ id: 'p1', createdAt: at(0), limited: [id('email', 'e1')] }],
        three,
      );
      expect(plan).toEqual({ target: 'p1', attach: [id('email', 'e2')], merge: [], refused: [] });
    });

    it('follows a configured priority: the strongest claim wins the conflict', () => {
      const loyaltyFirst = buildIdentityRules({ priority: ['loyaltyId'] });
      const identifiers = [id('userId', 'u2'), id('loyaltyId', 'L1')];
      const known = [
        { identifier: id('userId', 'u2'), profileId: 'p2' },
        { identifier: id('loyaltyId', 'L1'), profileId: 'p1' },
      ];
      const profiles = [
        { id: 'p1', createdAt: at(0), limited: [id('userId', 'u1')] },
        { id: 'p2', createdAt: at(1), limited: [id('userId', 'u2')] },
      ];
      expect(planResolution(identifiers, known, profiles).target).toBe('p2');
      expect(planResolution(identifiers, known, profiles, loyaltyFirst).target).toBe('p1');
    });
  });
});
