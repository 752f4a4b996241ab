/**
 * `npm run demo`: runs Touchpoint on the embedded defaults. Today that is the Kafka dev
 * broker (unless KAFKA_BROKERS points at a real cluster) with a round trip of sample
 * Segment-style events through it; the services join this script as they land.
 */
import { ConfigError, loadDevBrokerConfig, loadKafkaClientConfig, processEnv } from '@touchpoint/config';
import { type DevBroker, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';

const TOPIC = 'tp.demo.events.v1';
const stamp = (): string => new Date().toISOString().slice(11, 23);
const say = (message: string): void => console.log(`${stamp()}  ${message}`);

async function main(): Promise<void> {
  const env = processEnv();
  const kafkaConfig = loadKafkaClientConfig(env);
  let broker: DevBroker | null = null;
  if (kafkaConfig.brokers === null) {
    const brokerConfig = loadDevBrokerConfig(env);
    try {
      broker = await startDevBroker({
        host: brokerConfig.listen.host,
        port: brokerConfig.listen.port,
        dataDir: brokerConfig.storage.dataDir,
        logger: pino({ level: 'warn' }),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(
          `port ${brokerConfig.listen.port} is taken. Stop whatever listens there, or set KAFKA_DEV_BROKER_PORT, or point KAFKA_BROKERS at a running Kafka.`,
        );
      }
      throw error;
    }
    say(`dev broker listening on ${broker.address} (data in ${broker.dataDir})`);
  } else {
    say(`using Kafka at ${kafkaConfig.brokers.join(', ')}`);
  }
  const brokers = kafkaConfig.brokers ?? [broker?.address ?? ''];
  const kafka = new Kafka({ clientId: 'touchpoint-demo', brokers: [...brokers], logLevel: logLevel.NOTHING });

  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(TOPIC)) await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }] });
  await admin.disconnect();

  const customers = ['sanne', 'ahmed', 'li'];
  const events = customers.flatMap((customer) =>
    ['Product Viewed', 'Product Added', 'Order Completed'].map((event) => ({
      key: `anon-${customer}`,
      body: { type: 'track', event, anonymousId: `anon-${customer}`, properties: { product_id: 'jacket-42' } },
    })),
  );

  const consumer = kafka.consumer({ groupId: `touchpoint-demo-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC });
  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const body = JSON.parse(String(message.value)) as { event: string; anonymousId: string; sentAt: string };
        const latency = Date.now() - Date.parse(body.sentAt);
        say(`consumed  ${body.anonymousId.padEnd(11)} ${body.event.padEnd(16)} partition ${partition} offset ${message.offset}  ${latency} ms after send`);
        if (++received === events.length) resolve();
      },
    });
  });
  await new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));

  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  for (const event of events) {
    const value = JSON.stringify({ ...event.body, sentAt: new Date().toISOString() });
    const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: event.key, value }] });
    say(`accepted  ${event.key.padEnd(11)} partition ${meta.partition} offset ${meta.baseOffset}`);
  }
  await allReceived;
  say(`all ${events.length} events made the round trip, keyed by customer so each customer's events stay in order`);

  const stop = async (): Promise<void> => {
    say('stopping');
    await producer.disconnect();
    await consumer.disconnect();
    await broker?.stop();
    process.exit(0);
  };
  if (broker) {
    say(`broker keeps running; try: kcat -b ${broker.address} -L    (Ctrl-C to stop)`);
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  } else {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
