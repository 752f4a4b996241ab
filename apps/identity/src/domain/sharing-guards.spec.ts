import type { Identifier } from '@touchpoint/contracts';
import { buildIdentityRules } from './identity-rules';
import { overflowOf, sharingGuardsOf, sightingsOf } from './sharing-guards';

const id = (type: Identifier['type'], value: string): Identifier => ({ type, value });

describe('sharing guards', () => {
  const guards = sharingGuardsOf({ deviceMaxUserIds: 2, deviceWindowHours: 24, cardMaxContacts: 1, cardWindowHours: 48 });
  const [device, card] = guards;

  it('are built from the settings, with windows in milliseconds', () => {
    expect(device).toMatchObject({ watched: ['deviceId', 'anonymousId'], counted: ['userId'], max: 2, windowMs: 24 * 3_600_000 });
    expect(card).toMatchObject({ watched: ['loyaltyId'], counted: ['email', 'userId'], max: 1, windowMs: 48 * 3_600_000 });
    expect(buildIdentityRules({ guards: { deviceMaxUserIds: 5, deviceWindowHours: 1, cardMaxContacts: 7, cardWindowHours: 1 } }).sharing.map((g) => g.max)).toEqual([5, 7]);
  });

  it('pair each watched identifier with the counted ones of the event and of the profile it points at', () => {
    const sightings = sightingsOf(guards, [id('loyaltyId', 'shop:1'), id('email', 'e-walk-in'), id('anonymousId', 'a1')], (watched) =>
      watched.type === 'loyaltyId' ? [id('email', 'e-assistant'), id('anonymousId', 'a-assistant')] : [],
    );
    expect(sightings).toEqual([{ guard: card, watched: id('loyaltyId', 'shop:1'), seenWith: [id('email', 'e-walk-in'), id('email', 'e-assistant')] }]);
  });

  it('see nothing in an event without a counted identifier', () => {
    expect(sightingsOf(guards, [id('deviceId', 'tablet'), id('anonymousId', 'a1')], () => [])).toEqual([]);
  });

  it('overflow only past the maximum, each counted type on its own', () => {
    expect(overflowOf(card, new Map([['email', 1], ['userId', 1]]))).toBeNull();
    expect(overflowOf(card, new Map([['email', 2]]))).toEqual({ type: 'email', count: 2 });
    expect(overflowOf(device, new Map([['userId', 3]]))).toEqual({ type: 'userId', count: 3 });
  });
});
