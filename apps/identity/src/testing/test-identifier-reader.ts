import { type Identifier } from '@touchpoint/contracts';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { parseStoreRegistry } from '@touchpoint/store-registry';
import { ErasureLedger, type ErasedMatch } from '../domain/erasure-ledger';
import { IdentifierReader } from '../domain/identifier-reader';
import { buildIdentityRules, type IdentityRulesOverrides } from '../domain/identity-rules';

export const TEST_HASH_SECRET = 'identity-spec-hash-secret-0123456789';
export const testHasher = new PersonalDataHasher(TEST_HASH_SECRET);

/** Two chains: stores of chain-a (the default, in NL) and chain-b (in DE). */
export const testStores = parseStoreRegistry({
  version: 1,
  defaultChainId: 'chain-a',
  stores: [
    { storeId: 'store-7', chainId: 'chain-a', country: 'NL', currency: 'EUR', timeZone: 'Europe/Amsterdam' },
    { storeId: 'store-b-1', chainId: 'chain-b', country: 'DE', currency: 'EUR', timeZone: 'Europe/Berlin' },
  ],
});

/** As the service reads them, with the test registry and secret; `rules` on top of the defaults. */
export function testIdentifierReader(rules: IdentityRulesOverrides = {}): IdentifierReader {
  return new IdentifierReader({ rules: buildIdentityRules(rules), hasher: testHasher, stores: testStores, defaultPhoneRegion: 'NL' });
}

/** A loyalty card (or POS id) as stored: prefixed with its chain. */
export const card = (value: string, chainId = 'chain-a'): string => `${chainId}:${value}`;

export const emailIdentifier = (email: string): Identifier => ({ type: 'email', value: testHasher.emailHash(email) ?? '' });

/** A ledger without Postgres, for handler specs. */
export class InMemoryErasureLedger extends ErasureLedger {
  readonly erased = new Map<string, ErasedMatch>();

  async erasedSince(keys: readonly string[], receivedAt: Date): Promise<ErasedMatch | null> {
    for (const key of keys) {
      const match = this.erased.get(key);
      if (match && match.erasedAt >= receivedAt) return match;
    }
    return null;
  }
}
