import { fork } from 'node:child_process';
import path from 'node:path';
import type { Consumer } from 'kafkajs';
import { readGroup } from './consume-until';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';

interface Processed {
  readonly member: string;
  readonly partition: number;
  readonly offset: number;
  readonly value: string;
  readonly at: number;
}

interface Joined {
  readonly member: string;
  readonly assignment: Record<string, number[]>;
  readonly at: number;
}

type MemberEvent = ({ kind: 'message' } & Processed) | ({ kind: 'join' } & Joined) | { kind: 'running' | 'error'; member: string; message?: string };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('kafkajs consumer groups', () => {
  let broker: TestKafka;

  beforeAll(async () => {
    broker = await startTestKafka();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it('rebalances three-plus members through join, leave and crash without losing a message', async () => {
    const topic = 'tp.conformance.rebalance';
    const groupId = 'rebalance-group';
    const total = 3000;
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });
    await admin.disconnect();

    const processed: Processed[] = [];
    const joins: Joined[] = [];
    const consumers = new Map<string, Consumer>();

    const startInProcess = async (name: string): Promise<void> => {
      const consumer = broker.kafka.consumer({ groupId, sessionTimeout: 6000, rebalanceTimeout: 10000, heartbeatInterval: 300 });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        joins.push({ member: name, assignment: event.payload.memberAssignment, at: Date.now() });
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          processed.push({ member: name, partition, offset: Number(message.offset), value: String(message.value), at: Date.now() });
          await sleep(1);
        },
      });
      consumers.set(name, consumer);
    };

    const producer = broker.kafka.producer();
    await producer.connect();
    const producing = (async () => {
      for (let batch = 0; batch < total / 100; batch++) {
        await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${batch}-${i}`, value: `m${batch * 100 + i}` })) });
        await sleep(150);
      }
    })();

    await startInProcess('alpha');
    await startInProcess('beta');
    await waitFor(() => processed.length > 200, 20_000, 'first messages');

    const child = fork(path.join(__dirname, 'fixtures', 'group-member.cjs'), [broker.address, topic, groupId, 'gamma'], { stdio: 'ignore' });
    const childEvents: MemberEvent[] = [];
    child.on('message', (event: MemberEvent) => {
      childEvents.push(event);
      if (event.kind === 'message') processed.push(event);
      if (event.kind === 'join') joins.push(event);
    });
    await waitFor(() => processed.some((p) => p.member === 'gamma'), 20_000, 'the child member to consume');

    await consumers.get('beta')?.disconnect();
    consumers.delete('beta');
    await waitFor(() => joins.filter((j) => j.member === 'alpha').length >= 3, 20_000, 'a rebalance after beta left');

    child.kill('SIGKILL');
    const killedAt = Date.now();
    await startInProcess('delta');

    await producing;
    await producer.disconnect();
    const expected = new Set(Array.from({ length: total }, (_, i) => `m${i}`));
    await waitFor(() => new Set(processed.map((p) => p.value)).size === total, 40_000, 'every message to be processed');
    for (const consumer of consumers.values()) await consumer.disconnect();

    // Nothing lost.
    expect(new Set(processed.map((p) => p.value))).toEqual(expected);
    expect(childEvents.some((e) => e.kind === 'error')).toBe(false);

    // After the crash, gamma's partitions were taken over only once its session expired.
    const afterCrash = processed.filter((p) => p.at > killedAt && p.member !== 'gamma');
    expect(afterCrash.length).toBeGreaterThan(0);

    // Every message was processed by a member whose latest assignment held its partition.
    for (const p of processed) {
      const latest = joins.filter((j) => j.member === p.member && j.at <= p.at).at(-1);
      expect(latest?.assignment[topic]).toContain(p.partition);
    }

    // Ownership of a partition moves between members only at rebalances: per partition the
    // processing history forms a few long runs per member, never an interleaving of two
    // members working the same partition at once.
    const generations = new Set(joins.map((j) => Math.round(j.at / 200))).size;
    for (let partition = 0; partition < 6; partition++) {
      const history = processed.filter((p) => p.partition === partition).sort((a, b) => a.at - b.at || a.offset - b.offset);
      let runs = 0;
      let owner = '';
      for (const p of history) {
        if (p.member !== owner) {
          runs++;
          owner = p.member;
        }
      }
      expect(runs).toBeLessThanOrEqual(generations + 1);
    }
    expect(new Set(processed.map((p) => p.member))).toEqual(new Set(['alpha', 'beta', 'gamma', 'delta']));
  }, 90_000);

  it('resumes from committed offsets after the group restarts', async () => {
    const topic = 'tp.conformance.resume';
    const groupId = 'resume-group';
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `first-${i}` })) });

    expect(await readGroup(broker, groupId, topic, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `first-${i}`));
    await producer.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ value: `second-${i}` })) });
    await producer.disconnect();
    expect(await readGroup(broker, groupId, topic, 5)).toEqual(Array.from({ length: 5 }, (_, i) => `second-${i}`));

    const admin = broker.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(offsets[0].partitions).toEqual([expect.objectContaining({ partition: 0, offset: '25' })]);
  }, 30_000);
});
