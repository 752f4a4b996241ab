import type { Identifier } from '@touchpoint/contracts';
import { identifierKey } from './identifiers';
import { type LinkedProfile, noConstraints, planResolution } from './resolution-plan';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const id = (type: Identifier['type'], value: string): Identifier => ({ type, value });
const profile = (name: string, minute: number): LinkedProfile => ({ id: name, createdAt: at(minute), limited: [] });
const sharedOf = (...identifiers: Identifier[]) => ({ ...noConstraints, shared: new Set(identifiers.map(identifierKey)) });

describe('planResolution with shared identifiers and blocked links', () => {
  const card = id('loyaltyId', 'shop:1001');
  const email = id('email', 'hash-b');

  it('a shared card links its profile no more: the event goes where its other identifiers point', () => {
    const plan = planResolution(
      [card, email],
      [
        { identifier: card, profileId: 'assistant' },
        { identifier: email, profileId: 'walk-in' },
      ],
      [profile('assistant', 0), profile('walk-in', 5)],
      undefined,
      sharedOf(card),
    );
    expect(plan.target).toBe('walk-in');
    expect(plan.merge).toEqual([]);
    expect(plan.refused).toEqual([{ profileId: 'assistant', linkedBy: card, reason: 'shared_identifier', limitType: null, max: null, conflicting: [card] }]);
  });

  it('without the mark the same event merges the two (the guard is what stops it)', () => {
    const plan = planResolution(
      [card, email],
      [
        { identifier: card, profileId: 'assistant' },
        { identifier: email, profileId: 'walk-in' },
      ],
      [profile('assistant', 0), profile('walk-in', 5)],
    );
    expect(plan).toMatchObject({ target: 'assistant', merge: [{ profileId: 'walk-in', linkedBy: card }], refused: [] });
  });

  it('a new identifier seen with a shared card starts its own profile instead of joining the card holder', () => {
    const plan = planResolution([card, email], [{ identifier: card, profileId: 'assistant' }], [profile('assistant', 0)], undefined, sharedOf(card));
    expect(plan).toMatchObject({ target: null, attach: [email], merge: [] });
    expect(plan.refused.map((refusal) => refusal.reason)).toEqual(['shared_identifier']);
  });

  it('an event with nothing but a shared identifier still goes to the profile that holds it', () => {
    const plan = planResolution([card], [{ identifier: card, profileId: 'assistant' }], [profile('assistant', 0)], undefined, sharedOf(card));
    expect(plan).toEqual({ target: 'assistant', attach: [], merge: [], refused: [] });
  });

  it('a profile reached by a shared and an unshared identifier is still linked by the unshared one', () => {
    const device = id('deviceId', 'tablet');
    const anon = id('anonymousId', 'a1');
    const plan = planResolution(
      [device, anon],
      [
        { identifier: device, profileId: 'mum' },
        { identifier: anon, profileId: 'mum' },
      ],
      [profile('mum', 0)],
      undefined,
      sharedOf(device),
    );
    expect(plan).toEqual({ target: 'mum', attach: [], merge: [], refused: [] });
  });

  it('a blocked pair stays apart; the event goes with its strongest link, the rest may still merge', () => {
    const anon = id('anonymousId', 'a1');
    const plan = planResolution(
      [card, email, anon],
      [
        { identifier: card, profileId: 'assistant' },
        { identifier: email, profileId: 'walk-in' },
        { identifier: anon, profileId: 'web' },
      ],
      [profile('assistant', 0), profile('walk-in', 5), profile('web', 7)],
      undefined,
      { ...noConstraints, blocked: (a, b) => [a, b].sort().join('|') === 'assistant|walk-in' },
    );
    expect(plan.target).toBe('assistant');
    expect(plan.merge).toEqual([{ profileId: 'web', linkedBy: card }]);
    expect(plan.refused).toEqual([{ profileId: 'walk-in', linkedBy: email, reason: 'blocked_link', limitType: null, max: null, conflicting: [email] }]);
  });

  it('the identifier of a blocked link links nothing in an event that reaches both sides: the event goes with the other identifiers', () => {
    const plan = planResolution(
      [card, email],
      [
        { identifier: card, profileId: 'assistant' },
        { identifier: email, profileId: 'walk-in' },
      ],
      [profile('assistant', 0), profile('walk-in', 5)],
      undefined,
      { ...noConstraints, blocked: () => true, blockedLinkers: new Set([identifierKey(card)]) },
    );
    expect(plan).toMatchObject({ target: 'walk-in', merge: [] });
    expect(plan.refused).toEqual([{ profileId: 'assistant', linkedBy: card, reason: 'blocked_link', limitType: null, max: null, conflicting: [card] }]);
  });
});
