import type { Identifier } from '@touchpoint/contracts';
import { defaultIdentityRules, type IdentityRules, strengthOf } from './identity-rules';

export { isIdentifierType } from './identity-rules';

export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

export function compareStrength(a: Identifier, b: Identifier, rules: IdentityRules = defaultIdentityRules): number {
  return strengthOf(rules, a.type) - strengthOf(rules, b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

export function sortByStrength(identifiers: readonly Identifier[], rules: IdentityRules = defaultIdentityRules): Identifier[] {
  return [...identifiers].sort((a, b) => compareStrength(a, b, rules));
}

/** Stable order for lists sent out and stored: by type, then value. */
export function sortIdentifiers(identifiers: readonly Identifier[]): Identifier[] {
  return [...identifiers].sort((a, b) => (a.type === b.type ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.type < b.type ? -1 : 1));
}
