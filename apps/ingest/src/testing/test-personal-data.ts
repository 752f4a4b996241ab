import fs from 'node:fs';
import path from 'node:path';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { parseStoreRegistry } from '@touchpoint/store-registry';
import { PersonalDataPolicy } from '../personal-data/personal-data-policy';

export const TEST_HASH_SECRET = 'ingest-spec-hash-secret-0123456789';
export const testHasher = new PersonalDataHasher(TEST_HASH_SECRET);

/** The stores ingest's specs send from (AMS-01, RTM-02, S1 in NL; ANT-01 in BE), as a file for the service. */
export const TEST_STORE_REGISTRY_FILE = path.join(__dirname, 'stores.test.v1.json');
export const testStores = parseStoreRegistry(JSON.parse(fs.readFileSync(TEST_STORE_REGISTRY_FILE, 'utf8')));

export const testPolicy = (traitAllowList: readonly string[] = ['loyaltyId', 'loyalty_id', 'plan']): PersonalDataPolicy =>
  new PersonalDataPolicy({ hasher: testHasher, defaultPhoneRegion: null, traitAllowList });
