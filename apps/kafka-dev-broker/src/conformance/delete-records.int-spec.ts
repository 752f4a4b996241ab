import type { Admin } from 'kafkajs';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { readGroup } from './consume-until';
import { deleteRecords, fetchPartition } from './raw-partition';

describe('DeleteRecords', () => {
  let broker: TestKafka;
  let admin: Admin;

  beforeAll(async () => {
    broker = await startTestKafka();
    admin = broker.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
    await broker.dispose();
  });

  async function topicWith(topic: string, count: number, cleanupPolicy = 'delete'): Promise<void> {
    await admin.createTopics({ topics: [{ topic, configEntries: [{ name: 'cleanup.policy', value: cleanupPolicy }] }], waitForLeaders: true });
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();
  }

  it('moves the low watermark with kafkajs admin.deleteTopicRecords; consumers start there', async () => {
    const topic = 'delete-records.kafkajs';
    await topicWith(topic, 10);
    await admin.fetchTopicOffsets(topic);
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '6' }] });

    expect(await admin.fetchTopicOffsets(topic)).toEqual([expect.objectContaining({ partition: 0, low: '6', high: '10' })]);
    expect(await readGroup(broker, 'delete-records-reader', topic, 4)).toEqual(['v6', 'v7', 'v8', 'v9']);
  });

  it('answers Fetch below the new start with OFFSET_OUT_OF_RANGE and ListOffsets earliest with the start', async () => {
    const topic = 'delete-records.fetch';
    await topicWith(topic, 5);
    expect(await deleteRecords(broker.address, topic, 3)).toEqual({ lowWatermark: 3, errorCode: 0 });
    expect(await fetchPartition(broker.address, topic, 2)).toMatchObject({ errorCode: 1, records: [] });
    const at = await fetchPartition(broker.address, topic, 3);
    expect(at.errorCode).toBe(0);
    expect(at.records.filter((r) => r.offset >= 3).map((r) => String(r.value))).toEqual(['v3', 'v4']);
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, 0)).toEqual([expect.objectContaining({ partition: 0, offset: '3' })]);
  });

  it('treats -1 as the high watermark, ignores offsets below the start and refuses offsets past the end', async () => {
    const topic = 'delete-records.edges';
    await topicWith(topic, 5);
    expect(await deleteRecords(broker.address, topic, 2)).toEqual({ lowWatermark: 2, errorCode: 0 });
    expect(await deleteRecords(broker.address, topic, 1)).toEqual({ lowWatermark: 2, errorCode: 0 });
    expect(await deleteRecords(broker.address, topic, 6)).toEqual({ lowWatermark: -1, errorCode: 1 });
    expect(await deleteRecords(broker.address, topic, -5)).toEqual({ lowWatermark: -1, errorCode: 1 });
    expect(await deleteRecords(broker.address, topic, -1)).toEqual({ lowWatermark: 5, errorCode: 0 });
    expect(await deleteRecords(broker.address, 'delete-records.missing', 0)).toEqual({ lowWatermark: -1, errorCode: 3 });
  });

  it('refuses a compact-only topic with POLICY_VIOLATION and accepts compact,delete', async () => {
    await topicWith('delete-records.compact', 3, 'compact');
    await topicWith('delete-records.compact-delete', 3, 'compact,delete');
    expect(await deleteRecords(broker.address, 'delete-records.compact', 1)).toEqual({ lowWatermark: -1, errorCode: 44 });
    expect(await deleteRecords(broker.address, 'delete-records.compact-delete', 1)).toEqual({ lowWatermark: 1, errorCode: 0 });
  });
});
