import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type DevBroker, startDevBroker } from '@touchpoint/dev-broker';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { checkDependencies } from './dependencies-check';
import { freePort } from '@touchpoint/kafka-testing';
import { TopicWatcher } from './story/topic-watcher';

describe('system harness', () => {
  it('names each unreachable dependency and how to start it', async () => {
    const closed = await freePort();
    await expect(checkDependencies(`postgres://postgres@127.0.0.1:${closed}/x`, `redis://127.0.0.1:${closed}/0`)).rejects.toThrow(
      /PostgreSQL is not reachable at 127\.0\.0\.1:\d+.*\n.*Redis is not reachable/s,
    );
    await expect(checkDependencies('postgres://postgres@127.0.0.1:5432/postgres', 'redis://127.0.0.1:6379/0')).resolves.toBeUndefined();
  });

  it('hands out a port that can be bound', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => server.close(resolve));
  });

  describe('TopicWatcher', () => {
    let broker: DevBroker;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-harness-'));
      broker = await startDevBroker({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
    });

    afterAll(async () => {
      await broker.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('sees only messages produced after it started, and waits for a matching one', async () => {
      const kafka = new Kafka({ clientId: 'harness-test', brokers: [broker.address], logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'harness.topic', messages: [{ value: JSON.stringify({ n: 0 }) }] });

      const watcher = new TopicWatcher([broker.address]);
      await watcher.start(['harness.topic']);
      const waiting = watcher.waitFor<{ n: number }>('harness.topic', (v) => v.n === 2, 10_000);
      await producer.send({ topic: 'harness.topic', messages: [1, 2].map((n) => ({ value: JSON.stringify({ n }) })) });
      const found = await waiting;
      await producer.disconnect();

      expect(found.value).toEqual({ n: 2 });
      expect(watcher.all<{ n: number }>('harness.topic').map((m) => m.value.n)).toEqual([1, 2]);
      await expect(watcher.waitFor('harness.topic', () => false, 200, 'nothing')).rejects.toThrow('no nothing on harness.topic within 200 ms');
      await watcher.stop();
    }, 30_000);
  });
});
