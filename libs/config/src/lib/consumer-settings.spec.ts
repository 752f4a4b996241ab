import { ConfigError } from './config-error';
import { loadServiceConfig } from './service.config';

describe('consumer settings', () => {
  it('retry unclassified failures for a minute, give each attempt 30 s and take values up to 1 MiB by default', () => {
    expect(loadServiceConfig('journey', {}).kafka.consumer).toEqual({
      attemptTimeoutMs: 30_000,
      unclassifiedRetryMs: 60_000,
      backoff: { initialMs: 200, maxMs: 5_000 },
      sessionTimeoutMs: 30_000,
      maxMessageBytes: 1_048_576,
    });
  });

  it('read each variable', () => {
    const config = loadServiceConfig('identity', {
      KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS: '1500',
      KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS: '0',
      KAFKA_CONSUMER_BACKOFF_INITIAL_MS: '50',
      KAFKA_CONSUMER_BACKOFF_MAX_MS: '800',
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '10000',
      KAFKA_CONSUMER_MAX_MESSAGE_BYTES: '262144',
    });
    expect(config.kafka.consumer).toEqual({ attemptTimeoutMs: 1_500, unclassifiedRetryMs: 0, backoff: { initialMs: 50, maxMs: 800 }, sessionTimeoutMs: 10_000, maxMessageBytes: 262_144 });
  });

  it('never let the backoff maximum undercut the first delay', () => {
    const config = loadServiceConfig('identity', { KAFKA_CONSUMER_BACKOFF_INITIAL_MS: '1000', KAFKA_CONSUMER_BACKOFF_MAX_MS: '10' });
    expect(config.kafka.consumer.backoff).toEqual({ initialMs: 1_000, maxMs: 1_000 });
  });

  it('refuse values that are not whole milliseconds in range, naming the variable', () => {
    for (const [variable, value] of [
      ['KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS', '30s'],
      ['KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS', '5'],
      ['KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS', '-1'],
      ['KAFKA_CONSUMER_BACKOFF_MAX_MS', '0'],
      ['KAFKA_CONSUMER_SESSION_TIMEOUT_MS', '1000'],
      ['KAFKA_CONSUMER_MAX_MESSAGE_BYTES', '1MiB'],
      ['KAFKA_CONSUMER_MAX_MESSAGE_BYTES', '100'],
    ]) {
      let problem: ConfigError | undefined;
      try {
        loadServiceConfig('journey', { [variable]: value });
      } catch (error) {
        problem = error as ConfigError;
      }
      expect(problem).toBeInstanceOf(ConfigError);
      expect(problem?.problems.map((p) => p.variable)).toEqual([variable]);
    }
  });
});
