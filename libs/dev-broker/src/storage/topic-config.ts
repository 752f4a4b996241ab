import type { PartitionLogSettings } from './partition-log';

/** Topic-level configs the dev broker understands, with the broker-wide default for each. */
export const TOPIC_CONFIG_KEYS = [
  'retention.ms',
  'retention.bytes',
  'segment.bytes',
  'segment.ms',
  'max.message.bytes',
  'cleanup.policy',
  'min.compaction.lag.ms',
  'delete.retention.ms',
  'min.cleanable.dirty.ratio',
] as const;
export type TopicConfigKey = (typeof TOPIC_CONFIG_KEYS)[number];
export type TopicConfigs = Partial<Record<TopicConfigKey, string>>;

export interface BrokerTopicDefaults {
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly segmentBytes: number;
  readonly maxMessageBytes: number;
}

/** Kafka's defaults for the configs that have no broker-wide dev broker option. */
const KAFKA_DEFAULTS = {
  'segment.ms': String(7 * 24 * 60 * 60 * 1000),
  'min.compaction.lag.ms': '0',
  'delete.retention.ms': String(24 * 60 * 60 * 1000),
  'min.cleanable.dirty.ratio': '0.5',
} as const;

export interface CleanupPolicy {
  readonly compact: boolean;
  readonly delete: boolean;
}

export function isTopicConfigKey(name: string): name is TopicConfigKey {
  return (TOPIC_CONFIG_KEYS as readonly string[]).includes(name);
}

/** Returns an error message for a value the broker would not accept, or null. */
export function validateTopicConfig(name: string, value: string | null): string | null {
  if (!isTopicConfigKey(name)) return `Unknown topic config name: ${name}`;
  if (value === null) return null;
  if (name === 'cleanup.policy') {
    return value.split(',').every((policy) => policy === 'delete' || policy === 'compact') ? null : `Invalid value ${value} for cleanup.policy`;
  }
  if (name === 'min.cleanable.dirty.ratio') {
    const ratio = Number(value);
    return /^\d+(\.\d+)?$/.test(value) && ratio >= 0 && ratio <= 1 ? null : `Invalid value ${value} for ${name}: not a number between 0 and 1`;
  }
  return /^-?\d+$/.test(value) ? null : `Invalid value ${value} for ${name}: not a whole number`;
}

export function effectiveTopicConfig(configs: TopicConfigs, defaults: BrokerTopicDefaults): Record<TopicConfigKey, string> {
  return {
    'retention.ms': configs['retention.ms'] ?? String(defaults.retentionMs),
    'retention.bytes': configs['retention.bytes'] ?? String(defaults.retentionBytes),
    'segment.bytes': configs['segment.bytes'] ?? String(defaults.segmentBytes),
    'segment.ms': configs['segment.ms'] ?? KAFKA_DEFAULTS['segment.ms'],
    'max.message.bytes': configs['max.message.bytes'] ?? String(defaults.maxMessageBytes),
    'cleanup.policy': configs['cleanup.policy'] ?? 'delete',
    'min.compaction.lag.ms': configs['min.compaction.lag.ms'] ?? KAFKA_DEFAULTS['min.compaction.lag.ms'],
    'delete.retention.ms': configs['delete.retention.ms'] ?? KAFKA_DEFAULTS['delete.retention.ms'],
    'min.cleanable.dirty.ratio': configs['min.cleanable.dirty.ratio'] ?? KAFKA_DEFAULTS['min.cleanable.dirty.ratio'],
  };
}

export function cleanupPolicy(value: string): CleanupPolicy {
  const policies = value.split(',');
  return { compact: policies.includes('compact'), delete: policies.includes('delete') };
}

export function logSettings(configs: TopicConfigs, defaults: BrokerTopicDefaults): PartitionLogSettings {
  const effective = effectiveTopicConfig(configs, defaults);
  return {
    retentionMs: Number(effective['retention.ms']),
    retentionBytes: Number(effective['retention.bytes']),
    segmentBytes: Number(effective['segment.bytes']),
    segmentMs: Number(effective['segment.ms']),
    cleanupPolicy: cleanupPolicy(effective['cleanup.policy']),
    minCompactionLagMs: Number(effective['min.compaction.lag.ms']),
    deleteRetentionMs: Number(effective['delete.retention.ms']),
    minCleanableDirtyRatio: Number(effective['min.cleanable.dirty.ratio']),
  };
}
