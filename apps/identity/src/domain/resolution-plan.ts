import type { Identifier } from '@touchpoint/contracts';
import { compareStrength, identifierKey } from './identifiers';

/** An identifier of the event that the graph already knows, and the profile it points at. */
export interface KnownIdentifier {
  readonly identifier: Identifier;
  readonly profileId: string;
}

/** What the merge rule needs to know about a profile the event links to. */
export interface LinkedProfile {
  readonly id: string;
  readonly createdAt: Date;
  /** The userIds the profile carries; the graph keeps at most one per profile. */
  readonly userIds: readonly string[];
}

export interface PlannedMerge {
  readonly profileId: string;
  /** The strongest identifier on either side of the link: the evidence for the merge. */
  readonly linkedBy: Identifier;
}

export interface RefusedMerge {
  readonly profileId: string;
  readonly linkedBy: Identifier;
  readonly userIds: readonly string[];
}

export interface ResolutionPlan {
  /** The profile the event belongs to; null means a new profile. */
  readonly target: string | null;
  /** Identifiers of the event the graph does not know yet; they join the target. */
  readonly attach: readonly Identifier[];
  /** Profiles folded into the target, which is the oldest of the merged group. */
  readonly merge: readonly PlannedMerge[];
  /** Profiles the event links to but that keep a different userId, so stay apart. */
  readonly refused: readonly RefusedMerge[];
}

export function isOlder(a: LinkedProfile, b: LinkedProfile): boolean {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  return byTime < 0 || (byTime === 0 && a.id < b.id);
}

function oldest(profiles: readonly LinkedProfile[]): LinkedProfile {
  return profiles.reduce((best, profile) => (isOlder(profile, best) ? profile : best));
}

const stronger = (a: Identifier, b: Identifier): Identifier => (compareStrength(a, b) <= 0 ? a : b);

/**
 * Decides where an event goes, given the event's identifiers, those the graph knows, and the
 * profiles they point at. Profiles are merged when the event links them and they carry at
 * most one userId between them (and the event's); the oldest survives. Two different userIds
 * are never merged: the event then goes to the profile of its own userId (with the profiles
 * that carry none), or, without a userId, to the profile of its strongest identifier.
 * An event carries at most one userId (Segment's single `userId` field).
 */
export function planResolution(
  eventIdentifiers: readonly Identifier[],
  known: readonly KnownIdentifier[],
  profiles: readonly LinkedProfile[],
): ResolutionPlan {
  const knownKeys = new Set(known.map((entry) => identifierKey(entry.identifier)));
  const attach = eventIdentifiers.filter((identifier) => !knownKeys.has(identifierKey(identifier)));
  if (profiles.length === 0) return { target: null, attach, merge: [], refused: [] };

  const linkOf = new Map<string, Identifier>();
  for (const { identifier, profileId } of known) {
    const current = linkOf.get(profileId);
    linkOf.set(profileId, current ? stronger(current, identifier) : identifier);
  }
  const linkedBy = (profile: LinkedProfile): Identifier => {
    const link = linkOf.get(profile.id);
    if (!link) throw new Error(`profile ${profile.id} is not linked by any identifier of the event`);
    return link;
  };

  const eventUserId = eventIdentifiers.find((identifier) => identifier.type === 'userId')?.value;
  const userIds = new Set(profiles.flatMap((profile) => profile.userIds));
  if (eventUserId !== undefined) userIds.add(eventUserId);

  let group: LinkedProfile[];
  if (userIds.size <= 1) {
    group = [...profiles];
  } else if (eventUserId !== undefined) {
    group = profiles.filter((profile) => profile.userIds.every((userId) => userId === eventUserId));
  } else {
    const anchor = profiles.reduce((best, profile) => {
      const order = compareStrength(linkedBy(profile), linkedBy(best));
      return order < 0 || (order === 0 && isOlder(profile, best)) ? profile : best;
    });
    group = [anchor];
  }

  const refused = profiles
    .filter((profile) => !group.includes(profile))
    .map((profile) => ({ profileId: profile.id, linkedBy: linkedBy(profile), userIds: profile.userIds }));
  if (group.length === 0) return { target: null, attach, merge: [], refused };

  const survivor = oldest(group);
  const merge = group
    .filter((profile) => profile !== survivor)
    .map((profile) => ({ profileId: profile.id, linkedBy: stronger(linkedBy(survivor), linkedBy(profile)) }));
  return { target: survivor.id, attach, merge, refused };
}
