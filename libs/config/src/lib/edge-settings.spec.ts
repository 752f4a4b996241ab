import { ConfigError } from './config-error';
import { DEVELOPMENT_HASH_SECRET } from './personal-data-settings';
import { loadServiceConfig } from './service.config';

describe('access and personal data settings', () => {
  it('takes several read and admin tokens, so one can be rotated while the other still works', () => {
    const config = loadServiceConfig('identity', {
      ACCESS_READ_TOKENS: 'read-token-old-0123456, read-token-new-0123456',
      ACCESS_ADMIN_TOKENS: 'admin-token-new-0123456',
      IDENTITY_ADMIN_TOKEN: 'admin-token-old-0123456',
    });
    expect(config.access).toEqual({
      readTokens: ['read-token-old-0123456', 'read-token-new-0123456'],
      adminTokens: ['admin-token-new-0123456', 'admin-token-old-0123456'],
    });
  });

  it('refuses a short or malformed token, naming the variable', () => {
    expect(() => loadServiceConfig('identity', { ACCESS_READ_TOKENS: 'short' })).toThrow(/ACCESS_READ_TOKENS: each token needs at least 16 characters/);
    expect(() => loadServiceConfig('identity', { ACCESS_ADMIN_TOKENS: 'has space in it 0123456' })).toThrow(ConfigError);
  });

  it('runs on a development hash secret, says so, and takes a real one of 32 characters or more', () => {
    const defaults = loadServiceConfig('ingest', {}).personalData;
    expect(defaults).toEqual({
      hashSecret: DEVELOPMENT_HASH_SECRET,
      usesDevelopmentSecret: true,
      defaultPhoneRegion: null,
      traitAllowList: ['loyaltyId', 'loyalty_id', 'createdAt', 'plan', 'locale'],
      storeRegistryFile: 'config/stores.v1.json',
    });
    const secret = 'x'.repeat(40);
    expect(loadServiceConfig('ingest', { PERSONAL_DATA_HASH_SECRET: secret }).personalData).toMatchObject({ hashSecret: secret, usesDevelopmentSecret: false });
    expect(() => loadServiceConfig('ingest', { PERSONAL_DATA_HASH_SECRET: 'too-short' })).toThrow(/PERSONAL_DATA_HASH_SECRET/);
  });

  it('reads the default phone region, the trait allow-list and the registry file', () => {
    const settings = loadServiceConfig('ingest', {
      PERSONAL_DATA_DEFAULT_REGION: 'NL',
      INGEST_TRAIT_ALLOW_LIST: 'plan, loyaltyId',
      STORE_REGISTRY_FILE: '/etc/touchpoint/stores.v1.json',
    }).personalData;
    expect(settings).toMatchObject({ defaultPhoneRegion: 'NL', traitAllowList: ['plan', 'loyaltyId'], storeRegistryFile: '/etc/touchpoint/stores.v1.json' });
    expect(() => loadServiceConfig('ingest', { PERSONAL_DATA_DEFAULT_REGION: 'nld' })).toThrow(/PERSONAL_DATA_DEFAULT_REGION/);
    expect(() => loadServiceConfig('ingest', { INGEST_TRAIT_ALLOW_LIST: 'first name' })).toThrow(/INGEST_TRAIT_ALLOW_LIST/);
  });
});
