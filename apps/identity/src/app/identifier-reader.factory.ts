import type { ServiceConfig } from '@touchpoint/config';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { readStoreRegistryFile } from '@touchpoint/store-registry';
import { IdentifierReader } from '../domain/identifier-reader';
import { buildIdentityRules } from '../domain/identity-rules';

/** Built once at boot: a bad rule or store registry stops the service naming it. */
export function identifierReaderFor(config: ServiceConfig): IdentifierReader {
  return new IdentifierReader({
    rules: buildIdentityRules(config.identity),
    hasher: new PersonalDataHasher(config.personalData.hashSecret),
    stores: readStoreRegistryFile(config.personalData.storeRegistryFile),
    defaultPhoneRegion: config.personalData.defaultPhoneRegion,
  });
}
