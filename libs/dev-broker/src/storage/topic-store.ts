import fs from 'node:fs';
import path from 'node:path';
import { KafkaError, type KafkaErrorCode, type RecordBatchHeader } from '@touchpoint/kafka-protocol';
import { PartitionLog } from './partition-log';
import { type BrokerTopicDefaults, logSettings, type TopicConfigs } from './topic-config';

export interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
  readonly configs: TopicConfigs;
}

interface TopicMeta {
  readonly name: string;
  readonly partitions: number;
  readonly configs: TopicConfigs;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function topicNameError(name: string): string | null {
  if (!TOPIC_NAME.test(name) || name === '.' || name === '..') {
    return `Topic name "${name}" is illegal: it must be 1-249 characters of [a-zA-Z0-9._-] and not "." or ".."`;
  }
  return null;
}

export class TopicError extends Error {
  constructor(
    readonly error: KafkaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Topics on disk: `<dataDir>/topics/<name>/meta.json` plus one directory of segments per
 * partition. Metadata is written with write-then-rename so a crash never leaves half a file.
 */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly defaults: BrokerTopicDefaults,
    private readonly onRecoveredBatch: (topic: string, partition: number, header: RecordBatchHeader) => void,
  ) {
    this.root = path.join(dataDir, 'topics');
    fs.mkdirSync(this.root, { recursive: true });
  }

  load(): void {
    for (const entry of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const metaFile = path.join(this.root, entry.name, 'meta.json');
      if (!fs.existsSync(metaFile)) {
        // A topic whose creation crashed before its metadata landed never existed.
        fs.rmSync(path.join(this.root, entry.name), { recursive: true, force: true });
        continue;
      }
      const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as TopicMeta;
      const partitions = Array.from({ length: meta.partitions }, (_, index) => this.openPartition(meta.name, index, meta.configs));
      this.topics.set(meta.name, { name: meta.name, partitions, configs: meta.configs });
    }
  }

  private openPartition(topic: string, index: number, configs: TopicConfigs): PartitionLog {
    return PartitionLog.open(path.join(this.root, topic, String(index)), logSettings(configs, this.defaults), (header) =>
      this.onRecoveredBatch(topic, index, header),
    );
  }

  private writeMeta(meta: TopicMeta): void {
    const dir = path.join(this.root, meta.name);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'meta.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(meta));
    fs.renameSync(`${file}.tmp`, file);
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  list(): Topic[] {
    return [...this.topics.values()];
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  create(name: string, partitions: number, configs: TopicConfigs): Topic {
    const nameError = topicNameError(name);
    if (nameError) throw new TopicError(KafkaError.INVALID_TOPIC_EXCEPTION, nameError);
    if (this.topics.has(name)) throw new TopicError(KafkaError.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new TopicError(KafkaError.INVALID_PARTITIONS, `Number of partitions must be larger than 0, got ${partitions}.`);
    }
    const logs = Array.from({ length: partitions }, (_, index) => this.openPartition(name, index, configs));
    this.writeMeta({ name, partitions, configs });
    const topic = { name, partitions: logs, configs };
    this.topics.set(name, topic);
    return topic;
  }

  addPartitions(name: string, count: number): void {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
    if (count <= topic.partitions.length) {
      throw new TopicError(
        KafkaError.INVALID_PARTITIONS,
        `Topic currently has ${topic.partitions.length} partitions, which is higher than or equal to the requested ${count}.`,
      );
    }
    for (let index = topic.partitions.length; index < count; index++) topic.partitions.push(this.openPartition(name, index, topic.configs));
    this.writeMeta({ name, partitions: count, configs: topic.configs });
  }

  delete(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) throw new TopicError(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
    this.topics.delete(name);
    // Remove the metadata first: a crash halfway leaves a directory that load() discards.
    fs.rmSync(path.join(this.root, name, 'meta.json'), { force: true });
    for (const partition of topic.partitions) partition.deleteAll();
    fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
  }

  /** Every partition with its topic, for the log cleaner. */
  *partitions(): Generator<{ readonly topic: string; readonly partition: number; readonly log: PartitionLog }> {
    for (const topic of this.topics.values()) {
      for (const [partition, log] of topic.partitions.entries()) yield { topic: topic.name, partition, log };
    }
  }

  applyRetention(now: number): number {
    let removed = 0;
    for (const topic of this.topics.values()) for (const partition of topic.partitions) removed += partition.applyRetention(now);
    return removed;
  }

  close(): void {
    for (const topic of this.topics.values()) for (const partition of topic.partitions) partition.close();
    this.topics.clear();
  }
}
