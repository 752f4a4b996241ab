import { Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, waitFor } from '@touchpoint/kafka-testing';
import type { Consumer } from 'kafkajs';
import { expectGolden, touchpoint } from '../testing/golden';
import { writeScenario } from '../testing/scenario';

const topic = Topics.eventsResolved.name;

describe('touchpoint reprocess', () => {
  let kafka: TestKafka;
  const reprocess = (...args: string[]) => touchpoint(['--brokers', kafka.address, 'reprocess', ...args]);
  const committed = async (groupId: string) => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    kafka = await startTestKafka({ retentionMs: -1 });
    await writeScenario(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'journey', topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: partition === 1 ? '0' : '3' })) });
    await admin.disconnect();
  }, 60_000);

  afterAll(async () => {
    await kafka?.dispose();
  });

  it('prints the plan and changes nothing without --execute', async () => {
    const run = await reprocess('--group', 'journey', '--to-datetime', '2026-11-02T10:06:00Z');
    expect(run.code).toBe(0);
    expect(await committed('journey')).toEqual(['3', '0', '3']);
    expectGolden(__dirname, 'reprocess-plan', run);
  });

  it('refuses while the group has active members, and moves the offsets once it has none', async () => {
    const consumer: Consumer = kafka.kafka.consumer({ groupId: 'journey', sessionTimeout: 10_000 });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topic });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor(() => (joined ? true : undefined), 'the consumer to join', 30_000);
    const refused = await reprocess('--group', 'journey', '--to-datetime', '2026-11-02T10:06:00Z', '--execute');
    await consumer.disconnect();
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain('TP_CLI_GROUP_ACTIVE');

    const moved = await reprocess('--group', 'journey', '--to-datetime', '2026-11-02T10:06:00Z', '--execute');
    expect(moved.code).toBe(0);
    expect(await committed('journey')).toEqual(['0', '0', '2']);
    expectGolden(__dirname, 'reprocess-execute', moved);
  }, 60_000);

  it('names an unknown group (exit 6)', async () => {
    const run = await reprocess('--group', 'nobody', '--to-datetime', '1h');
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('TP_CLI_UNKNOWN_GROUP');
  });
});
