import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@touchpoint/contracts';
import { type ApacheKafka, startApacheKafka } from '@touchpoint/kafka-testing';
import { IngestClient, playCustomerStory, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

const user = { username: 'touchpoint-services', password: `pw-${randomUUID()}` };

// Strimzi and managed Kafka expose SASL/SCRAM over TLS; the services must work there with
// nothing but configuration. Only the services use the secure listener: the test's own
// provisioning and watching go through the plain one.
describe('the story on an Apache Kafka that requires SASL/SCRAM-SHA-512 over TLS', () => {
  let kafka: ApacheKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;

  beforeAll(async () => {
    kafka = await startApacheKafka({ secure: { mechanisms: ['scram-sha-512'], users: [user] } });
    system = await startTestSystem({
      label: 'sasl',
      kafkaBrokers: kafka.brokers,
      logLevel: 'warn',
      extraEnv: {
        KAFKA_BROKERS: kafka.secureAddress ?? '',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: user.username,
        KAFKA_SASL_PASSWORD: user.password,
        KAFKA_SSL_CA_FILE: kafka.tls?.caPath ?? '',
      },
    });
    watcher = new TopicWatcher(kafka.brokers);
    await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.stop();
  });

  it('stops retargeting after a store purchase, every service authenticated on the secure listener', async () => {
    const ingest = new IngestClient(system.urls.ingest);
    const outcome = await playCustomerStory({ name: 'sasl', buys: 'store', returnsInStore: false }, ingest, watcher, () => undefined).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${system.serviceWarnings()}`);
    });
    expect(outcome.retargetingStopped.value).toMatchObject({ type: 'retargeting.stopped', reason: 'purchased_in_store' });
  });

  it('refuses a client with the wrong password', async () => {
    const admin = new Kafka({
      clientId: 'intruder',
      brokers: [kafka.secureAddress ?? ''],
      ssl: { ca: [kafka.tls?.caPem ?? ''] },
      sasl: { mechanism: 'scram-sha-512', username: user.username, password: 'guessed' },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL|Authentication/i);
  });
});
