import { ConfigError, DEVELOPMENT_HASH_SECRET } from '@touchpoint/config';
import { loadExplorerConfig } from './explorer.config';

describe('explorer configuration', () => {
  it('points at the services on their default ports and needs no token of its own', () => {
    const config = loadExplorerConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8084 });
    expect(config.upstream).toEqual({ identity: 'http://127.0.0.1:8081', journey: 'http://127.0.0.1:8082', recommendation: 'http://127.0.0.1:8083' });
    expect(config.defaultToken).toBeNull();
    expect(config.personalData.hashSecret).toBe(DEVELOPMENT_HASH_SECRET);
    expect(config.kafka.brokers).toBeNull();
  });

  it('reads every variable, without a trailing slash on the service URLs', () => {
    const config = loadExplorerConfig({
      EXPLORER_HTTP_PORT: '9000',
      IDENTITY_URL: 'https://identity.internal/',
      EXPLORER_ACCESS_TOKEN: 'explorer-token-0123456789',
      PERSONAL_DATA_DEFAULT_REGION: 'NL',
      KAFKA_BROKERS: 'kafka-0:9092',
    });
    expect(config.http.port).toBe(9000);
    expect(config.upstream.identity).toBe('https://identity.internal');
    expect(config.defaultToken).toBe('explorer-token-0123456789');
    expect(config.personalData.defaultPhoneRegion).toBe('NL');
    expect(config.kafka.brokers).toEqual(['kafka-0:9092']);
  });

  it('names each bad variable', () => {
    let caught: unknown;
    try {
      loadExplorerConfig({ JOURNEY_URL: 'ftp://journey', EXPLORER_ACCESS_TOKEN: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['EXPLORER_ACCESS_TOKEN', 'JOURNEY_URL']);
  });
});
