import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeRecordBatch, encodeRecordBatch, KafkaError, splitBatches, type RecordBatchHeader } from '@touchpoint/kafka-protocol';
import type { BrokerTopicDefaults } from './topic-config';
import { TopicError, topicNameError, TopicStore } from './topic-store';

const DEFAULTS: BrokerTopicDefaults = { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, maxMessageBytes: 1 << 20 };

interface Recovered {
  readonly topic: string;
  readonly partition: number;
  readonly header: RecordBatchHeader;
}

function topicErrorOf(action: () => unknown): number {
  try {
    action();
  } catch (error) {
    if (error instanceof TopicError) return error.error.code;
    throw error;
  }
  throw new Error('expected a TopicError');
}

describe('TopicStore', () => {
  let dataDir: string;
  const stores: TopicStore[] = [];
  let recovered: Recovered[];

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'topic-store-'));
    recovered = [];
  });

  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function openStore(): TopicStore {
    const store = new TopicStore(dataDir, DEFAULTS, (topic, partition, header) => recovered.push({ topic, partition, header }));
    stores.push(store);
    store.load();
    return store;
  }

  function closeStore(store: TopicStore): void {
    stores.splice(stores.indexOf(store), 1);
    store.close();
  }

  const topicDir = (name: string): string => path.join(dataDir, 'topics', name);

  it('creates, lists, finds and deletes topics', () => {
    const store = openStore();
    expect(store.list()).toEqual([]);
    const orders = store.create('orders', 3, { 'retention.ms': '1000' });
    store.create('audit.log_v2-x', 1, {});

    expect(orders.partitions).toHaveLength(3);
    expect(store.list().map((t) => t.name).sort()).toEqual(['audit.log_v2-x', 'orders']);
    expect(store.get('orders')?.configs).toEqual({ 'retention.ms': '1000' });
    expect(store.partition('orders', 2)).toBe(orders.partitions[2]);
    expect(store.partition('orders', 3)).toBeUndefined();
    expect(store.get('missing')).toBeUndefined();
    expect(fs.readdirSync(topicDir('orders')).sort()).toEqual(['0', '1', '2', 'meta.json']);

    store.delete('orders');
    expect(store.get('orders')).toBeUndefined();
    expect(store.list().map((t) => t.name)).toEqual(['audit.log_v2-x']);
    expect(fs.existsSync(topicDir('orders'))).toBe(false);
    expect(topicErrorOf(() => store.delete('orders'))).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);

    // The name is free again, and the new topic starts from an empty log.
    const again = store.create('orders', 1, {});
    expect(again.partitions[0].logEndOffset).toBe(0);
  });

  it('adds partitions and refuses to shrink or touch a missing topic', () => {
    const store = openStore();
    store.create('events', 2, {});
    store.addPartitions('events', 5);
    expect(store.get('events')?.partitions).toHaveLength(5);
    expect(fs.existsSync(path.join(topicDir('events'), '4'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(topicDir('events'), 'meta.json'), 'utf8'))).toMatchObject({ partitions: 5 });

    expect(topicErrorOf(() => store.addPartitions('events', 5))).toBe(KafkaError.INVALID_PARTITIONS.code);
    expect(topicErrorOf(() => store.addPartitions('events', 3))).toBe(KafkaError.INVALID_PARTITIONS.code);
    expect(topicErrorOf(() => store.addPartitions('nope', 3))).toBe(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
    expect(store.get('events')?.partitions).toHaveLength(5);
  });

  it.each(['', '.', '..', 'has space', 'slash/name', 'ümlaut', 'x'.repeat(250)])('rejects the illegal name %j with INVALID_TOPIC_EXCEPTION', (name) => {
    const store = openStore();
    expect(topicNameError(name)).not.toBeNull();
    expect(topicErrorOf(() => store.create(name, 1, {}))).toBe(KafkaError.INVALID_TOPIC_EXCEPTION.code);
    expect(store.list()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'topics'))).toEqual([]);
  });

  it('accepts a 249-character name', () => {
    const store = openStore();
    expect(topicNameError('y'.repeat(249))).toBeNull();
    expect(store.create('y'.repeat(249), 1, {}).name).toBe('y'.repeat(249));
  });

  it('rejects a duplicate name with TOPIC_ALREADY_EXISTS and a partition count below 1 with INVALID_PARTITIONS', () => {
    const store = openStore();
    store.create('dup', 2, {});
    expect(topicErrorOf(() => store.create('dup', 4, {}))).toBe(KafkaError.TOPIC_ALREADY_EXISTS.code);
    expect(store.get('dup')?.partitions).toHaveLength(2);
    expect(topicErrorOf(() => store.create('zero', 0, {}))).toBe(KafkaError.INVALID_PARTITIONS.code);
    expect(topicErrorOf(() => store.create('half', 1.5, {}))).toBe(KafkaError.INVALID_PARTITIONS.code);
    expect(store.get('zero')).toBeUndefined();
  });

  it('reloads topics, configs, partitions and data from disk', () => {
    const store = openStore();
    store.create('kept', 2, { 'segment.bytes': '4096' });
    store.create('grown', 1, {});
    store.addPartitions('grown', 3);
    store.create('gone', 1, {});
    store.delete('gone');
    const batch = encodeRecordBatch([{ value: Buffer.from('hello') }, { value: Buffer.from('world') }], { producerId: 4000, producerEpoch: 0, baseSequence: 0 });
    store.partition('kept', 1)?.append([batch], true);
    closeStore(store);

    const reloaded = openStore();
    expect(reloaded.list().map((t) => [t.name, t.partitions.length]).sort()).toEqual([
      ['grown', 3],
      ['kept', 2],
    ]);
    expect(reloaded.get('kept')?.configs).toEqual({ 'segment.bytes': '4096' });
    const log = reloaded.partition('kept', 1);
    expect(log?.logEndOffset).toBe(2);
    const values = splitBatches(log?.read(0, 1 << 20).records ?? Buffer.alloc(0))
      .flatMap((b) => decodeRecordBatch(b))
      .map((r) => r.value?.toString());
    expect(values).toEqual(['hello', 'world']);
    expect(reloaded.partition('kept', 0)?.logEndOffset).toBe(0);

    // The producer state is rebuilt from the batches found in each partition's active segment.
    expect(recovered.map((r) => [r.topic, r.partition, r.header.producerId, r.header.baseOffset])).toEqual([['kept', 1, 4000, 0]]);
  });

  it('discards a topic directory that has no meta.json', () => {
    const store = openStore();
    store.create('real', 1, {});
    closeStore(store);
    fs.mkdirSync(path.join(topicDir('half-created'), '0'), { recursive: true });
    fs.writeFileSync(path.join(topicDir('half-created'), '0', '00000000000000000000.log'), '');

    const reloaded = openStore();
    expect(reloaded.list().map((t) => t.name)).toEqual(['real']);
    expect(fs.existsSync(topicDir('half-created'))).toBe(false);
    expect(fs.existsSync(topicDir('real'))).toBe(true);
    // The name can be created for real afterwards.
    expect(reloaded.create('half-created', 2, {}).partitions).toHaveLength(2);
  });
});
