import fs from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { startBrokerProcess } from './broker-process';
import { readGroup } from './consume-until';
import { tempDataDir } from './test-broker';

const clientFor = (address: string): Kafka =>
  new Kafka({ clientId: 'crash-test', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 50 } });

describe('broker process killed with SIGKILL', () => {
  const dataDir = tempDataDir();

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged record and every committed offset', async () => {
    const topic = 'tp.conformance.crash';
    const groupId = 'crash-group';
    const first = await startBrokerProcess(dataDir);
    const kafka = clientFor(first.address);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();

    // Commit a position for the group before the crash.
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `early-${i}` })) });
    const broker = { kafka };
    expect(await readGroup(broker, groupId, topic, 30)).toHaveLength(30);

    // Keep producing and kill the broker mid-stream; remember exactly what was acknowledged.
    const acknowledged: string[] = [];
    const sending = (async () => {
      for (let batch = 0; ; batch++) {
        const values = Array.from({ length: 20 }, (_, i) => `late-${batch}-${i}`);
        try {
          await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ key: `b${batch}-${i}`, value })) });
        } catch {
          return;
        }
        acknowledged.push(...values);
      }
    })();
    while (acknowledged.length < 400) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await sending;
    await producer.disconnect().catch(() => undefined);

    const second = await startBrokerProcess(dataDir);
    try {
      const after = clientFor(second.address);
      const restarted = { kafka: after };
      const afterAdmin = after.admin();
      await afterAdmin.connect();
      const committed = await afterAdmin.fetchOffsets({ groupId, topics: [topic] });
      const high = await afterAdmin.fetchTopicOffsets(topic);
      await afterAdmin.disconnect();
      const totalHigh = high.reduce((sum, p) => sum + Number(p.high), 0);
      expect(committed[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(30);

      // The group resumes after its committed offsets: it sees only the late records.
      const resumed = await readGroup(restarted, groupId, topic, totalHigh - 30);
      expect(resumed.every((value) => value.startsWith('late-'))).toBe(true);
      expect(new Set(resumed).size).toBe(resumed.length);
      for (const value of acknowledged) expect(resumed).toContain(value);

      // And the log accepts appends at the right place after recovery.
      const producerAfter = after.producer();
      await producerAfter.connect();
      const [meta] = await producerAfter.send({ topic, messages: [{ value: 'after-restart', partition: 0 }] });
      await producerAfter.disconnect();
      expect(Number(meta.baseOffset)).toBe(Number(high.find((p) => p.partition === 0)?.high));
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe('0');
    }
  }, 60_000);
});
