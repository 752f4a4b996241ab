import type { Identifier } from '@touchpoint/contracts';

/**
 * The origin key journey records for an event arriving under this identity identifier (see
 * originIdentifierOf), or null for types journey never records as an origin. Identity keeps
 * cards and POS ids as `<chainId>:<number>`; the event carries the number alone, so the chain
 * is dropped: within one survivor's log two chains' same number is not told apart.
 */
export function originKeyOf(identifier: Identifier): string | null {
  switch (identifier.type) {
    case 'userId':
    case 'anonymousId':
      return `${identifier.type}:${identifier.value}`;
    case 'loyaltyId':
    case 'posCustomerId': {
      const colon = identifier.value.indexOf(':');
      return `${identifier.type}:${colon >= 0 ? identifier.value.slice(colon + 1) : identifier.value}`;
    }
    case 'email':
      return `emailHash:${identifier.value}`;
    case 'phone':
      return `phoneHash:${identifier.value}`;
    case 'deviceId':
      return null;
  }
}
