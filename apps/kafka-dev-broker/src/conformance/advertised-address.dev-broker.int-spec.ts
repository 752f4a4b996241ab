import { ApiKey } from '@touchpoint/kafka-protocol';
import { Kafka, logLevel } from 'kafkajs';
import { RawConnection } from './raw-connection';
import { startTestBroker, type TestBroker } from './test-broker';

interface Advertised {
  readonly host: string;
  readonly port: number;
}

/** The single broker a Metadata v1 answer names, as seen over a connection to `host`. */
async function metadataBroker(port: number, host: string): Promise<Advertised> {
  const connection = await RawConnection.open(port, host);
  try {
    const reader = await connection.request(ApiKey.Metadata, 1, 1, (w) => w.int32(0));
    if (!reader) throw new Error('broker closed the connection');
    expect(reader.int32()).toBe(1);
    reader.int32();
    return { host: reader.string(), port: reader.int32() };
  } finally {
    connection.close();
  }
}

/** The coordinator a FindCoordinator v1 answer names, as seen over a connection to `host`. */
async function coordinator(port: number, host: string): Promise<Advertised> {
  const connection = await RawConnection.open(port, host);
  try {
    const reader = await connection.request(ApiKey.FindCoordinator, 1, 2, (w) => w.string('advertised-group').int8(0));
    if (!reader) throw new Error('broker closed the connection');
    reader.int32();
    expect(reader.int16()).toBe(0);
    reader.nullableString();
    reader.int32();
    return { host: reader.string(), port: reader.int32() };
  } finally {
    connection.close();
  }
}

/** Produces one record and reads it back through a consumer group, all via `bootstrap`. */
async function roundTrip(bootstrap: string, topic: string): Promise<string> {
  const kafka = new Kafka({ clientId: 'advertised', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 50 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: `via ${bootstrap}` }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 6000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<string>((resolve, reject) => {
      consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('advertised address', () => {
  describe('listening on 0.0.0.0 with no advertised host', () => {
    let broker: TestBroker;

    beforeAll(async () => {
      broker = await startTestBroker({ host: '0.0.0.0' });
    });

    afterAll(async () => {
      await broker.dispose();
    });

    it.each(['127.0.0.1', '127.0.0.2'])('tells a client that came in on %s to dial that same address', async (host) => {
      expect(await metadataBroker(broker.port, host)).toEqual({ host, port: broker.port });
      expect(await coordinator(broker.port, host)).toEqual({ host, port: broker.port });
    });

    it.each([
      ['localhost', 'advertised.localhost'],
      ['127.0.0.1', 'advertised.loopback'],
    ])('serves kafkajs bootstrapped with %s, consumer group included', async (host, topic) => {
      expect(await roundTrip(`${host}:${broker.port}`, topic)).toBe(`via ${host}:${broker.port}`);
    });
  });

  describe('listening on :: (dual stack) with no advertised host', () => {
    let broker: TestBroker;

    beforeAll(async () => {
      broker = await startTestBroker({ host: '::' });
    });

    afterAll(async () => {
      await broker.dispose();
    });

    it('writes an IPv4 client\'s address as plain IPv4, not ::ffff:a.b.c.d', async () => {
      expect(await metadataBroker(broker.port, '127.0.0.1')).toEqual({ host: '127.0.0.1', port: broker.port });
    });

    it('answers an IPv6 client with its IPv6 address', async () => {
      expect(await metadataBroker(broker.port, '::1')).toEqual({ host: '::1', port: broker.port });
    });
  });

  describe('with an advertised host configured', () => {
    let broker: TestBroker;

    beforeAll(async () => {
      broker = await startTestBroker({ host: '0.0.0.0', advertisedHost: 'localhost' });
    });

    afterAll(async () => {
      await broker.dispose();
    });

    it('advertises the configured host whatever address the client used', async () => {
      expect(await metadataBroker(broker.port, '127.0.0.2')).toEqual({ host: 'localhost', port: broker.port });
      expect(await coordinator(broker.port, '127.0.0.1')).toEqual({ host: 'localhost', port: broker.port });
    });
  });
});
