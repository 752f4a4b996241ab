import { buildIdentityRules, defaultIdentityRules, isBlocked, strengthOf } from './identity-rules';

describe('buildIdentityRules', () => {
  it('defaults to one userId per profile and userId as the strongest evidence', () => {
    expect([...defaultIdentityRules.maxPerProfile]).toEqual([['userId', 1]]);
    expect(defaultIdentityRules.priority[0]).toBe('userId');
    expect(defaultIdentityRules.priority.at(-1)).toBe('anonymousId');
    expect(buildIdentityRules()).toEqual(defaultIdentityRules);
  });

  it('adds blocked values for every type or, prefixed with a type, for that type only', () => {
    const rules = buildIdentityRules({ blockedValues: ['guest', 'userId:QA-Test-1'] });
    expect(isBlocked(rules, 'loyaltyId', 'GUEST')).toBe(true);
    expect(isBlocked(rules, 'userId', 'qa-test-1')).toBe(true);
    expect(isBlocked(rules, 'loyaltyId', 'qa-test-1')).toBe(false);
    expect(isBlocked(rules, 'anonymousId', 'anonymous')).toBe(true);
  });

  it('overrides limits and puts named types first in the priority', () => {
    const rules = buildIdentityRules({ maxPerProfile: new Map([['email', 3]]), priority: ['loyaltyId', 'email'] });
    expect(rules.maxPerProfile.get('email')).toBe(3);
    expect(rules.maxPerProfile.get('userId')).toBe(1);
    expect(rules.priority.slice(0, 3)).toEqual(['loyaltyId', 'email', 'userId']);
    expect(new Set(rules.priority).size).toBe(7);
    expect(strengthOf(rules, 'loyaltyId')).toBeLessThan(strengthOf(rules, 'userId'));
  });

  it('names unknown types and impossible limits', () => {
    expect(() => buildIdentityRules({ maxPerProfile: new Map([['userid', 1]]) })).toThrow(/unknown identifier type "userid"/);
    expect(() => buildIdentityRules({ maxPerProfile: new Map([['email', 0]]) })).toThrow(/at least 1/);
    expect(() => buildIdentityRules({ priority: ['email', 'email'] })).toThrow(/twice/);
    expect(() => buildIdentityRules({ priority: ['fax'] })).toThrow(/IDENTITY_PRIORITY/);
  });
});
