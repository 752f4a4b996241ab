import net from 'node:net';
import { freePort, startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { checkDependencies } from './dependencies-check';
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
    let broker: TestKafka;

    beforeAll(async () => {
      broker = await startTestKafka();
    });

    afterAll(async () => {
      await broker.dispose();
    });

    it('sees only messages produced after it started, and waits for a matching one', async () => {
      const producer = broker.kafka.producer();
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
