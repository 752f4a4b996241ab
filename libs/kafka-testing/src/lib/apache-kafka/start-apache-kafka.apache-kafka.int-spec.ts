import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { type ApacheKafka, startApacheKafka } from './start-apache-kafka';

const quiet = { logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 200 } } as const;

async function readAll(kafka: Kafka, topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
        if (seen.length >= expected) resolve();
      },
    });
  });
  await done;
  await consumer.disconnect();
  return seen;
}

describe('startApacheKafka', () => {
  let kafka: ApacheKafka;

  beforeAll(async () => {
    kafka = await startApacheKafka({ secure: { mechanisms: ['scram-sha-512', 'plain'], users: [{ username: 'touchpoint', password: 'tp-secret-1' }] } });
  }, 180_000);

  afterAll(async () => {
    await kafka?.stop();
  });

  it('serves kafkajs on the plain listener and keeps acknowledged records across a kill -9 and restart', async () => {
    const client = new Kafka({ clientId: 'apache-runner-spec', brokers: [...kafka.brokers], ...quiet });
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'runner-crash', acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}` })) });
    await producer.disconnect();

    const killed = kafka.pid();
    await kafka.kill();
    expect(() => process.kill(killed ?? -1, 0)).toThrow();
    await kafka.restart();
    expect(kafka.pid()).not.toBe(killed);

    const values = await readAll(client, 'runner-crash', 50);
    expect(new Set(values)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `v${i}`)));
  }, 120_000);

  it('authenticates SCRAM-SHA-512 and PLAIN over TLS and refuses a wrong password', async () => {
    const ssl = { ca: [kafka.tls?.caPem ?? ''] };
    const secureAddress = kafka.secureAddress ?? '';
    const credentials: SASLOptions[] = [
      { mechanism: 'scram-sha-512', username: 'touchpoint', password: 'tp-secret-1' },
      { mechanism: 'plain', username: 'touchpoint', password: 'tp-secret-1' },
    ];
    for (const sasl of credentials) {
      const admin = new Kafka({ clientId: `secure-${sasl.mechanism}`, brokers: [secureAddress], ssl, sasl, ...quiet }).admin();
      await admin.connect();
      await expect(admin.describeCluster()).resolves.toMatchObject({ brokers: [expect.objectContaining({ port: Number(secureAddress.split(':')[1]) })] });
      await admin.disconnect();
    }
    const wrong = new Kafka({ clientId: 'secure-wrong', brokers: [secureAddress], ssl, sasl: { mechanism: 'scram-sha-512', username: 'touchpoint', password: 'wrong' }, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL|Authentication/i);
  }, 60_000);
});
