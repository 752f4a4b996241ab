import type { Identifier, IdentifierType } from '@touchpoint/contracts';
import { compareStrength, identifierKey, sortByStrength } from './identifiers';
import { defaultIdentityRules, type IdentityRules } from './identity-rules';

/** An identifier of the event that the graph already knows, and the profile it points at. */
export interface KnownIdentifier {
  readonly identifier: Identifier;
  readonly profileId: string;
}

/** What the merge rule needs to know about a profile the event links to. */
export interface LinkedProfile {
  readonly id: string;
  readonly createdAt: Date;
  /** The profile's identifiers of every type the rules limit (maxPerProfile). */
  readonly limited: readonly Identifier[];
}

export interface PlannedMerge {
  readonly profileId: string;
  /** The strongest identifier on either side of the link: the evidence for the merge. */
  readonly linkedBy: Identifier;
}

/**
 * A merge the rules forbid. Either a linked profile stays apart (profileId set), or a new
 * identifier of the event is not attached (profileId null, linkedBy is that identifier).
 */
export interface RefusedMerge {
  readonly profileId: string | null;
  readonly linkedBy: Identifier;
  /**
   * max_per_profile: a limit of the rules; shared_identifier: the profile was linked only by
   * identifiers marked shared; blocked_link: an unmerge separated the two profiles for good.
   */
  readonly reason: RefusalReason;
  /** max_per_profile only: the limited type that would have exceeded its maximum. */
  readonly limitType: IdentifierType | null;
  readonly max: number | null;
  /** max_per_profile: the identifiers of that type on both sides; otherwise the shared or blocking identifiers. Sorted by strength. */
  readonly conflicting: readonly Identifier[];
}

export type RefusalReason = 'max_per_profile' | 'shared_identifier' | 'blocked_link';

/** What earlier decisions forbid, on top of the rules: shared identifiers and blocked links. */
export interface PlanConstraints {
  /** identifierKey of each event identifier marked shared. */
  readonly shared: ReadonlySet<string>;
  /** Whether an unmerge keeps these two profiles apart. */
  readonly blocked: (a: string, b: string) => boolean;
  /**
   * identifierKey of the identifiers that made a link an unmerge blocked, when the event reaches
   * both sides: for this event they link nothing, like a shared identifier, so it goes with its
   * other identifiers (the card or device was someone else's), as the unmerge placed the event
   * that made the merge.
   */
  readonly blockedLinkers: ReadonlySet<string>;
}

export const noConstraints: PlanConstraints = { shared: new Set(), blocked: () => false, blockedLinkers: new Set() };

export interface ResolutionPlan {
  /** The profile the event belongs to; null means a new profile. */
  readonly target: string | null;
  /** Identifiers of the event the graph does not know yet; they join the target. */
  readonly attach: readonly Identifier[];
  /** Profiles folded into the target, which is the oldest of the merged group. */
  readonly merge: readonly PlannedMerge[];
  readonly refused: readonly RefusedMerge[];
}

export function isOlder(a: { id: string; createdAt: Date }, b: { id: string; createdAt: Date }): boolean {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  return byTime < 0 || (byTime === 0 && a.id < b.id);
}

function oldest(profiles: readonly LinkedProfile[]): LinkedProfile {
  return profiles.reduce((best, profile) => (isOlder(profile, best) ? profile : best));
}

/** A claim that something belongs to the event's customer: a linked profile or a new identifier. */
type Claim = { kind: 'profile'; profile: LinkedProfile; link: Identifier } | { kind: 'identifier'; link: Identifier };

/**
 * Decides where an event goes, given the event's identifiers, those the graph knows, and the
 * profiles they point at. Without a conflict every linked profile merges into the oldest and
 * every new identifier joins it. A conflict is a limit of the rules (maxPerProfile, by default
 * one userId) that the merged profile would exceed. Then the claims are taken strongest first,
 * by the identifier that links them to the event (a profile) or by their own type (a new
 * identifier): each joins unless it would break a limit, and is refused otherwise. The
 * strongest claim always joins, so the event goes with its highest-priority identifier.
 */
export function planResolution(
  eventIdentifiers: readonly Identifier[],
  known: readonly KnownIdentifier[],
  profiles: readonly LinkedProfile[],
  rules: IdentityRules = defaultIdentityRules,
  constraints: PlanConstraints = noConstraints,
): ResolutionPlan {
  const stronger = (a: Identifier, b: Identifier): Identifier => (compareStrength(a, b, rules) <= 0 ? a : b);
  const knownKeys = new Set(known.map((entry) => identifierKey(entry.identifier)));
  const newIdentifiers = eventIdentifiers.filter((identifier) => !knownKeys.has(identifierKey(identifier)));
  const unlinked = new Set([...constraints.shared, ...constraints.blockedLinkers]);
  const { linking, sharedOnly } = linkingIdentifiers(eventIdentifiers, known, unlinked, rules);
  const refused: RefusedMerge[] = [];
  for (const profile of profiles.filter((candidate) => sharedOnly.has(candidate.id))) {
    const shared = sortByStrength(sharedOnly.get(profile.id) ?? [], rules);
    const reason = shared.some((identifier) => constraints.blockedLinkers.has(identifierKey(identifier))) ? 'blocked_link' : 'shared_identifier';
    refused.push({ profileId: profile.id, linkedBy: shared[0], reason, limitType: null, max: null, conflicting: shared });
  }
  const linkedProfiles = profiles.filter((profile) => !sharedOnly.has(profile.id));

  const linkOf = new Map<string, Identifier>();
  for (const { identifier, profileId } of linking) {
    const current = linkOf.get(profileId);
    linkOf.set(profileId, current ? stronger(current, identifier) : identifier);
  }
  const linkedBy = (profile: LinkedProfile): Identifier => {
    const link = linkOf.get(profile.id);
    if (!link) throw new Error(`profile ${profile.id} is not linked by any identifier of the event`);
    return link;
  };

  const claims: Claim[] = [
    ...linkedProfiles.map((profile): Claim => ({ kind: 'profile', profile, link: linkedBy(profile) })),
    ...newIdentifiers.map((identifier): Claim => ({ kind: 'identifier', link: identifier })),
  ].sort((a, b) => {
    const order = compareStrength(a.link, b.link, rules);
    if (order !== 0) return order;
    // Same link identifier cannot hold for two claims; same type and value order is settled above.
    return a.kind === 'profile' && b.kind === 'profile' ? (isOlder(a.profile, b.profile) ? -1 : 1) : 0;
  });

  const limitedOf = (claim: Claim): readonly Identifier[] =>
    claim.kind === 'profile' ? claim.profile.limited : rules.maxPerProfile.has(claim.link.type) ? [claim.link] : [];

  const held = new Map<string, Identifier>();
  const group: LinkedProfile[] = [];
  const attach: Identifier[] = [];
  for (const [index, claim] of claims.entries()) {
    if (claim.kind === 'profile' && index > 0) {
      const blocker = group.find((member) => constraints.blocked(member.id, claim.profile.id));
      if (blocker) {
        refused.push({ profileId: claim.profile.id, linkedBy: claim.link, reason: 'blocked_link', limitType: null, max: null, conflicting: [claim.link] });
        continue;
      }
    }
    const limited = limitedOf(claim);
    const breach = index === 0 ? undefined : firstBreach(rules, held, limited);
    if (breach) {
      const conflicting = [...held.values(), ...limited].filter((identifier) => identifier.type === breach.type);
      refused.push({
        profileId: claim.kind === 'profile' ? claim.profile.id : null,
        linkedBy: claim.link,
        reason: 'max_per_profile',
        limitType: breach.type,
        max: breach.max,
        conflicting: uniqueSorted(conflicting, rules),
      });
      continue;
    }
    for (const identifier of limited) held.set(identifierKey(identifier), identifier);
    if (claim.kind === 'profile') group.push(claim.profile);
    else attach.push(claim.link);
  }

  const attachInEventOrder = newIdentifiers.filter((identifier) => attach.includes(identifier));
  if (group.length === 0) return { target: null, attach: attachInEventOrder, merge: [], refused };
  const survivor = oldest(group);
  const merge = group
    .filter((profile) => profile !== survivor)
    .map((profile) => ({ profileId: profile.id, linkedBy: stronger(linkedBy(survivor), linkedBy(profile)) }));
  return { target: survivor.id, attach: attachInEventOrder, merge, refused };
}

/** The first limit that adding `incoming` to `held` would exceed; a value already held adds nothing. */
function firstBreach(
  rules: IdentityRules,
  held: ReadonlyMap<string, Identifier>,
  incoming: readonly Identifier[],
): { type: IdentifierType; max: number } | undefined {
  for (const [type, max] of rules.maxPerProfile) {
    const values = new Set([...held.values(), ...incoming].filter((identifier) => identifier.type === type).map((identifier) => identifier.value));
    const before = [...held.values()].filter((identifier) => identifier.type === type).length;
    if (values.size > max && values.size > before) return { type, max };
  }
  return undefined;
}

function uniqueSorted(identifiers: readonly Identifier[], rules: IdentityRules): Identifier[] {
  const byKey = new Map(identifiers.map((identifier) => [identifierKey(identifier), identifier]));
  return [...byKey.values()].sort((a, b) => compareStrength(a, b, rules));
}

/**
 * The known identifiers that may link profiles. Shared ones do not, unless the event has
 * nothing else: then it goes where its strongest shared identifier points, and links no more.
 * sharedOnly: profiles the event reaches through shared identifiers alone, with those identifiers.
 */
function linkingIdentifiers(
  eventIdentifiers: readonly Identifier[],
  known: readonly KnownIdentifier[],
  shared: ReadonlySet<string>,
  rules: IdentityRules,
): { linking: readonly KnownIdentifier[]; sharedOnly: ReadonlyMap<string, Identifier[]> } {
  if (shared.size === 0) return { linking: known, sharedOnly: new Map() };
  const isShared = (identifier: Identifier) => shared.has(identifierKey(identifier));
  let linking = known.filter((entry) => !isShared(entry.identifier));
  if (eventIdentifiers.every(isShared) && known.length > 0) {
    const strongest = [...known].sort((a, b) => compareStrength(a.identifier, b.identifier, rules))[0];
    linking = known.filter((entry) => entry.profileId === strongest.profileId);
  }
  const linked = new Set(linking.map((entry) => entry.profileId));
  const sharedOnly = new Map<string, Identifier[]>();
  for (const entry of known) {
    if (linked.has(entry.profileId)) continue;
    sharedOnly.set(entry.profileId, [...(sharedOnly.get(entry.profileId) ?? []), entry.identifier]);
  }
  return { linking, sharedOnly };
}
