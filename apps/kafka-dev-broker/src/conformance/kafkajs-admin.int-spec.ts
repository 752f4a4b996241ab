import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { consumeUntil, readGroup } from './consume-until';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';

describe('kafkajs admin', () => {
  let broker: TestKafka;
  let admin: Admin;

  beforeAll(async () => {
    broker = await startTestKafka({ autoCreateTopics: false });
    admin = broker.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
    await broker.dispose();
  });

  it('creates, lists, describes, grows and deletes topics', async () => {
    expect(await admin.createTopics({ topics: [{ topic: 'admin.a', numPartitions: 3 }, { topic: 'admin.b' }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'admin.a', numPartitions: 3 }] })).toBe(false);
    // A shared broker holds other specs' topics too, so check these two, not the whole list.
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['admin.a', 'admin.b']));

    const metadata = await admin.fetchTopicMetadata({ topics: ['admin.a'] });
    expect(metadata.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);

    await admin.createPartitions({ topicPartitions: [{ topic: 'admin.b', count: 4 }] });
    expect((await admin.fetchTopicMetadata({ topics: ['admin.b'] })).topics[0].partitions).toHaveLength(4);
    await expect(admin.createPartitions({ topicPartitions: [{ topic: 'admin.b', count: 2 }] })).rejects.toThrow();

    await admin.deleteTopics({ topics: ['admin.b'] });
    const remaining = await admin.listTopics();
    expect(remaining).toContain('admin.a');
    expect(remaining).not.toContain('admin.b');
  });

  it('rejects invalid topics with the protocol error', async () => {
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    });
    await expect(admin.createTopics({ topics: [{ topic: 'admin.rf', replicationFactor: 3 }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })],
    });
    await expect(admin.deleteTopics({ topics: ['admin.never'], timeout: 500 })).rejects.toThrow();
  });

  it('describes topic configs with overrides and defaults', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin.cfg', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin.cfg' }],
    });
    const entries = new Map(described.resources[0].configEntries.map((e) => [e.configName, e]));
    expect(entries.get('retention.ms')?.configValue).toBe('3600000');
    expect(entries.get('retention.ms')?.isDefault).toBe(false);
    expect(entries.get('cleanup.policy')?.configValue).toBe('delete');
  });

  it('finds offsets by timestamp', async () => {
    const topic = 'admin.time';
    await admin.createTopics({ topics: [{ topic }] });
    const producer = broker.kafka.producer();
    await producer.connect();
    const base = Date.now() - 60_000;
    await producer.send({ topic, messages: [0, 1, 2, 3].map((i) => ({ value: `v${i}`, timestamp: String(base + i * 1000) })) });
    await producer.disconnect();

    expect(await admin.fetchTopicOffsetsByTimestamp(topic, base + 1500)).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, base)).toEqual([expect.objectContaining({ partition: 0, offset: '0' })]);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '4' })]);
  });

  it('sets, resets, describes, lists and deletes consumer groups', async () => {
    const topic = 'admin.groups';
    const groupId = 'admin-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })) });
    await producer.disconnect();

    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }, { partition: 1, offset: '4' }] });
    const fetched = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(fetched[0].partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(['3', '4']);

    const consumer = broker.kafka.consumer({ groupId, sessionTimeout: 6000 });
    const seen = await consumeUntil(consumer, topic, 3);
    // Partition 0 holds v0,v2,v4,v6,v8 (offsets 0-4) so offset 3 is v6; partition 1 from offset 4 is v9.
    expect(seen.sort()).toEqual(['v6', 'v8', 'v9']);

    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
    expect(described.groups[0].members).toHaveLength(1);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(groupId);
    await expect(admin.deleteGroups([groupId])).rejects.toThrow();

    await consumer.disconnect();
    expect((await admin.describeGroups([groupId])).groups[0].state).toBe('Empty');
    await admin.resetOffsets({ groupId, topic, earliest: true });
    // kafkajs commits the "earliest" sentinel itself; the next member resolves it to offset 0.
    expect(await readGroup(broker, groupId, topic, 10)).toHaveLength(10);

    expect(await admin.deleteGroups([groupId])).toEqual([expect.objectContaining({ groupId, errorCode: 0 })]);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(groupId);
    // kafkajs's setOffsets/resetOffsets run a paused consumer for one fetch cycle (max wait 5 s) each.
  }, 30_000);
});
