import { ConfigError } from './config-error';
import { loadDevBrokerConfig } from './dev-broker.config';

describe('loadDevBrokerConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadDevBrokerConfig({});
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 9092, advertisedHost: undefined });
    expect(config.topics).toEqual({ autoCreate: true, defaultPartitions: 1 });
    expect(config.storage.retentionBytes).toBe(-1);
    expect(config.storage.cleanerIntervalMs).toBe(15_000);
  });

  it('parses every variable into the typed shape', () => {
    const config = loadDevBrokerConfig({
      KAFKA_DEV_BROKER_PORT: '19092',
      KAFKA_DEV_BROKER_AUTO_CREATE_TOPICS: 'false',
      KAFKA_DEV_BROKER_DEFAULT_PARTITIONS: '4',
      KAFKA_DEV_BROKER_RETENTION_MS: '-1',
      KAFKA_DEV_BROKER_FSYNC_ON_ACK: 'yes',
      KAFKA_DEV_BROKER_CLEANER_INTERVAL_MS: '250',
      LOG_LEVEL: 'warn',
    });
    expect(config.storage.cleanerIntervalMs).toBe(250);
    expect(config.listen.port).toBe(19092);
    expect(config.topics).toEqual({ autoCreate: false, defaultPartitions: 4 });
    expect(config.storage.retentionMs).toBe(-1);
    expect(config.storage.fsyncOnAck).toBe(true);
    expect(config.logLevel).toBe('warn');
  });

  it('treats an empty value as unset', () => {
    expect(loadDevBrokerConfig({ KAFKA_DEV_BROKER_PORT: '' }).listen.port).toBe(9092);
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadDevBrokerConfig({ KAFKA_DEV_BROKER_PORT: 'ninety', KAFKA_DEV_BROKER_DEFAULT_PARTITIONS: '0', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const variables = (caught as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['KAFKA_DEV_BROKER_DEFAULT_PARTITIONS', 'KAFKA_DEV_BROKER_PORT', 'LOG_LEVEL']);
    expect((caught as ConfigError).message).toContain('KAFKA_DEV_BROKER_PORT: must be a whole number');
  });

  it('returns a frozen object', () => {
    const config = loadDevBrokerConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.listen)).toBe(true);
  });
});
