import { ConfigError } from './config-error';
import { loadKafkaClientConfig } from './kafka-client.config';

describe('loadKafkaClientConfig', () => {
  it('means "use the embedded dev broker" when KAFKA_BROKERS is unset', () => {
    expect(loadKafkaClientConfig({}).brokers).toBeNull();
  });

  it('splits and trims a broker list', () => {
    expect(loadKafkaClientConfig({ KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092' }).brokers).toEqual(['kafka-0:9092', 'kafka-1:9092']);
  });

  it('rejects an address without a port, naming the variable', () => {
    expect(() => loadKafkaClientConfig({ KAFKA_BROKERS: 'kafka-0' })).toThrow(ConfigError);
    expect(() => loadKafkaClientConfig({ KAFKA_BROKERS: 'kafka-0' })).toThrow(/KAFKA_BROKERS: each broker must be host:port/);
  });
});
