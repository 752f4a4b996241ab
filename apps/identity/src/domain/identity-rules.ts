import { type IdentifierType, identifierTypes } from '@touchpoint/contracts';
import { defaultSharingGuardSettings, type SharingGuard, type SharingGuardSettings, sharingGuardsOf } from './sharing-guards';

/**
 * What may identify a customer and how identifiers may combine. One object, built once at
 * boot from defaults plus configuration, passed to everything that extracts or plans.
 */
export interface IdentityRules {
  /** Identifier types, strongest evidence first; every type appears exactly once. */
  readonly priority: readonly IdentifierType[];
  /** At most this many identifiers of a type on one profile; types absent are unlimited. */
  readonly maxPerProfile: ReadonlyMap<IdentifierType, number>;
  /** Lower-cased values never used as an identifier of any type (placeholders SDKs send). */
  readonly blockedEverywhere: ReadonlySet<string>;
  /** Lower-cased values blocked for one type only, e.g. known test userIds. */
  readonly blockedByType: ReadonlyMap<IdentifierType, ReadonlySet<string>>;
  /** Devices and loyalty cards that show more accounts than one person has stop linking profiles. */
  readonly sharing: readonly SharingGuard[];
}

/** Placeholders SDKs and POS systems send when they have no id; they would glue strangers together. */
const DEFAULT_BLOCKED = ['', 'null', 'undefined', 'anonymous', 'none', 'unknown', 'n/a'];

const DEFAULT_PRIORITY: readonly IdentifierType[] = ['userId', 'loyaltyId', 'posCustomerId', 'email', 'phone', 'deviceId', 'anonymousId'];

/** One customer account per profile: two userIds are two customers, whatever links them. */
const DEFAULT_LIMITS: ReadonlyMap<IdentifierType, number> = new Map([['userId', 1]]);

/** Injection token of the rules the service runs with. */
export const IDENTITY_RULES = Symbol('IdentityRules');

export const defaultIdentityRules: IdentityRules = {
  priority: DEFAULT_PRIORITY,
  maxPerProfile: DEFAULT_LIMITS,
  blockedEverywhere: new Set(DEFAULT_BLOCKED),
  blockedByType: new Map(),
  sharing: sharingGuardsOf(defaultSharingGuardSettings),
};

export function isIdentifierType(value: string): value is IdentifierType {
  return (identifierTypes as readonly string[]).includes(value);
}

export interface IdentityRulesOverrides {
  /** "type:value" blocks a value for one type; a bare value blocks it for every type. */
  readonly blockedValues?: readonly string[];
  readonly maxPerProfile?: ReadonlyMap<string, number>;
  /** Types named here come first, in this order; the rest keep their default order. */
  readonly priority?: readonly string[];
  readonly guards?: SharingGuardSettings;
}

/** Defaults plus configuration; throws naming the bad entry, so a typo stops the service at boot. */
export function buildIdentityRules(overrides: IdentityRulesOverrides = {}): IdentityRules {
  const requireType = (type: string, where: string): IdentifierType => {
    if (!isIdentifierType(type)) throw new Error(`${where}: unknown identifier type "${type}" (known: ${identifierTypes.join(', ')})`);
    return type;
  };

  const named = (overrides.priority ?? []).map((type) => requireType(type, 'IDENTITY_PRIORITY'));
  if (new Set(named).size !== named.length) throw new Error('IDENTITY_PRIORITY: a type is listed twice');
  const priority = [...named, ...DEFAULT_PRIORITY.filter((type) => !named.includes(type))];

  const maxPerProfile = new Map(DEFAULT_LIMITS);
  for (const [type, max] of overrides.maxPerProfile ?? []) {
    if (max < 1) throw new Error(`IDENTITY_MAX_PER_PROFILE: ${type} must allow at least 1`);
    maxPerProfile.set(requireType(type, 'IDENTITY_MAX_PER_PROFILE'), max);
  }

  const blockedEverywhere = new Set(DEFAULT_BLOCKED);
  const blockedByType = new Map<IdentifierType, Set<string>>();
  for (const entry of overrides.blockedValues ?? []) {
    const colon = entry.indexOf(':');
    const prefix = colon > 0 ? entry.slice(0, colon) : '';
    if (isIdentifierType(prefix)) {
      const values = blockedByType.get(prefix) ?? new Set<string>();
      values.add(entry.slice(colon + 1).trim().toLowerCase());
      blockedByType.set(prefix, values);
    } else {
      blockedEverywhere.add(entry.trim().toLowerCase());
    }
  }
  return { priority, maxPerProfile, blockedEverywhere, blockedByType, sharing: sharingGuardsOf(overrides.guards ?? defaultSharingGuardSettings) };
}

/** Lower is stronger. */
export function strengthOf(rules: IdentityRules, type: IdentifierType): number {
  return rules.priority.indexOf(type);
}

export function isBlocked(rules: IdentityRules, type: IdentifierType, value: string): boolean {
  const lower = value.toLowerCase();
  return rules.blockedEverywhere.has(lower) || (rules.blockedByType.get(type)?.has(lower) ?? false);
}
