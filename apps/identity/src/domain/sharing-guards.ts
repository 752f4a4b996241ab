import type { Identifier, IdentifierType } from '@touchpoint/contracts';

/**
 * An identifier type that several people may present (a family tablet, a shop assistant's
 * loyalty card), and the account types that show it: once one identifier of a watched type has
 * been seen with more than `max` distinct identifiers of one counted type within the window,
 * it is marked shared and links no profiles from then on.
 */
export interface SharingGuard {
  readonly name: 'device' | 'card';
  readonly watched: readonly IdentifierType[];
  /** Each type is counted on its own: a card with 4 emails is shared, one with 2 emails and 2 userIds is not. */
  readonly counted: readonly IdentifierType[];
  readonly max: number;
  readonly windowMs: number;
}

/** The configuration shape of libs/config (IDENTITY_SHARED_*), kept structural so the domain imports no config. */
export interface SharingGuardSettings {
  readonly deviceMaxUserIds: number;
  readonly deviceWindowHours: number;
  readonly cardMaxContacts: number;
  readonly cardWindowHours: number;
}

export const defaultSharingGuardSettings: SharingGuardSettings = { deviceMaxUserIds: 3, deviceWindowHours: 30 * 24, cardMaxContacts: 3, cardWindowHours: 365 * 24 };

const HOUR_MS = 3_600_000;

export function sharingGuardsOf(settings: SharingGuardSettings): readonly SharingGuard[] {
  return [
    { name: 'device', watched: ['deviceId', 'anonymousId'], counted: ['userId'], max: settings.deviceMaxUserIds, windowMs: settings.deviceWindowHours * HOUR_MS },
    { name: 'card', watched: ['loyaltyId'], counted: ['email', 'userId'], max: settings.cardMaxContacts, windowMs: settings.cardWindowHours * HOUR_MS },
  ];
}

/** One watched identifier of an event with the identifiers it was seen with, for the pairing log. */
export interface Sighting {
  readonly guard: SharingGuard;
  readonly watched: Identifier;
  readonly seenWith: readonly Identifier[];
}

/**
 * What an event shows the guards: each watched identifier paired with the counted identifiers
 * of the event and of the profile the watched identifier points at (they were linked through
 * it earlier, possibly by events that never carried both). Pure; the store counts the window.
 */
export function sightingsOf(
  guards: readonly SharingGuard[],
  eventIdentifiers: readonly Identifier[],
  onProfileOf: (watched: Identifier) => readonly Identifier[],
): Sighting[] {
  const sightings: Sighting[] = [];
  for (const guard of guards) {
    const eventCounted = eventIdentifiers.filter((identifier) => guard.counted.includes(identifier.type));
    for (const watched of eventIdentifiers.filter((identifier) => guard.watched.includes(identifier.type))) {
      const seenWith = new Map<string, Identifier>();
      for (const identifier of [...eventCounted, ...onProfileOf(watched).filter((other) => guard.counted.includes(other.type))]) {
        seenWith.set(`${identifier.type}:${identifier.value}`, identifier);
      }
      if (seenWith.size > 0) sightings.push({ guard, watched, seenWith: [...seenWith.values()] });
    }
  }
  return sightings;
}

/** The counted type whose distinct count passed the guard's maximum, or null. */
export function overflowOf(guard: SharingGuard, distinctByType: ReadonlyMap<IdentifierType, number>): { type: IdentifierType; count: number } | null {
  for (const type of guard.counted) {
    const count = distinctByType.get(type) ?? 0;
    if (count > guard.max) return { type, count };
  }
  return null;
}
