import { ConfigError } from './config-error';
import { loadServiceConfig } from './service.config';

describe('loadServiceConfig', () => {
  it('has defaults that reach the local dev broker, Postgres and Redis', () => {
    const config = loadServiceConfig('ingest', {});
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/touchpoint');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379/0');
    expect(config.http.port).toBe(8080);
    expect(config.ingest.writeKeys.get('tp_demo_write_key')).toEqual({ source: 'demo', kind: 'web' });
    expect(config.ingest.writeKeys.get('tp_demo_pos_write_key')).toEqual({ source: 'demo-pos', kind: 'pos' });
  });

  it('picks the port of the named service', () => {
    expect(loadServiceConfig('recommendation', { RECOMMENDATION_HTTP_PORT: '9999' }).http.port).toBe(9999);
  });

  it('prefixes Redis keys with tp: unless told otherwise', () => {
    expect(loadServiceConfig('journey', {}).redis.keyPrefix).toBe('tp:');
    expect(loadServiceConfig('journey', { REDIS_KEY_PREFIX: 'test-1:' }).redis.keyPrefix).toBe('test-1:');
    expect(() => loadServiceConfig('journey', { REDIS_KEY_PREFIX: 'has space' })).toThrow(ConfigError);
  });

  it('maps write keys to their sources and kinds', () => {
    const config = loadServiceConfig('ingest', { INGEST_WRITE_KEYS: 'web:key-for-web-1, pos:key-for-pos-1, app/shop-ios:key-for-app-1, pos/outlets:key-for-pos-2, site:key-for-site-1' });
    expect([...config.ingest.writeKeys]).toEqual([
      ['key-for-web-1', { source: 'web', kind: 'web' }],
      ['key-for-pos-1', { source: 'pos', kind: 'pos' }],
      ['key-for-app-1', { source: 'shop-ios', kind: 'app' }],
      ['key-for-pos-2', { source: 'outlets', kind: 'pos' }],
      // No kind stated and a source that is none: Segment calls only.
      ['key-for-site-1', { source: 'site', kind: 'web' }],
    ]);
  });

  it('refuses unknown kinds, repeated keys and bad entries without echoing the key', () => {
    const problemOf = (value: string): string => {
      try {
        loadServiceConfig('ingest', { INGEST_WRITE_KEYS: value });
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
      }
      return 'accepted';
    };
    expect(problemOf('web:key-for-web-1,store/tills:key-for-pos-1')).toBe('INGEST_WRITE_KEYS: entry 2 has kind "store"; the kinds are web, app, pos');
    expect(problemOf('web:key-for-web-1,pos:key-for-web-1')).toBe('INGEST_WRITE_KEYS: entry 2 repeats a key listed before it: each key belongs to one source');
    expect(problemOf('pos/tills:short')).toMatch(/^INGEST_WRITE_KEYS: entry 1 must be \[kind\/\]source:key/);
    expect(problemOf('web:key with space')).not.toContain('key with space');
    expect(problemOf(',')).toMatch(/^INGEST_WRITE_KEYS: list at least one/);
  });

  it('remembers ingested messageIds for 24 h unless told otherwise', () => {
    expect(loadServiceConfig('ingest', {}).ingest.dedupeWindowSeconds).toBe(86_400);
    expect(loadServiceConfig('ingest', { INGEST_DEDUPE_WINDOW_SECONDS: '600' }).ingest.dedupeWindowSeconds).toBe(600);
    expect(() => loadServiceConfig('ingest', { INGEST_DEDUPE_WINDOW_SECONDS: '0' })).toThrow(ConfigError);
    expect(() => loadServiceConfig('ingest', { INGEST_DEDUPE_WINDOW_SECONDS: '1h' })).toThrow(ConfigError);
  });

  it('names each bad variable', () => {
    expect(() => loadServiceConfig('identity', { DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadServiceConfig('identity', { DATABASE_URL: 'mysql://x', INGEST_WRITE_KEYS: 'short:abc' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'INGEST_WRITE_KEYS']);
    }
  });

  it('reads the identity rules and admin token, empty by default', () => {
    const defaults = loadServiceConfig('identity', {});
    expect(defaults.identity).toEqual({ blockedValues: [], maxPerProfile: new Map(), priority: [], guards: { deviceMaxUserIds: 3, deviceWindowHours: 720, cardMaxContacts: 3, cardWindowHours: 8760 } });
    expect(defaults.access).toEqual({ readTokens: [], adminTokens: [] });
    const config = loadServiceConfig('identity', {
      IDENTITY_BLOCKED_VALUES: 'test-user, userId:qa-1,,',
      IDENTITY_MAX_PER_PROFILE: 'userId:1, email:3',
      IDENTITY_PRIORITY: 'userId,email',
      IDENTITY_ADMIN_TOKEN: ' admin-token-0123456789 ',
    });
    expect(config.identity.blockedValues).toEqual(['test-user', 'userId:qa-1']);
    expect([...config.identity.maxPerProfile]).toEqual([
      ['userId', 1],
      ['email', 3],
    ]);
    expect(config.identity.priority).toEqual(['userId', 'email']);
    expect(config.access.adminTokens).toEqual(['admin-token-0123456789']);
  });

  it('rejects malformed identity limits and a short admin token', () => {
    expect(() => loadServiceConfig('identity', { IDENTITY_MAX_PER_PROFILE: 'userId=1' })).toThrow(ConfigError);
    expect(() => loadServiceConfig('identity', { IDENTITY_MAX_PER_PROFILE: 'userId:one' })).toThrow(ConfigError);
    expect(() => loadServiceConfig('identity', { IDENTITY_ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
  });
});
