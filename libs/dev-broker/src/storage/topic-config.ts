import type { PartitionLogSettings } from './partition-log';

/** Topic-level configs the dev broker understands, with the broker-wide default for each. */
export const TOPIC_CONFIG_KEYS = ['retention.ms', 'retention.bytes', 'segment.bytes', 'max.message.bytes', 'cleanup.policy'] as const;
export type TopicConfigKey = (typeof TOPIC_CONFIG_KEYS)[number];
export type TopicConfigs = Partial<Record<TopicConfigKey, string>>;

export interface BrokerTopicDefaults {
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly segmentBytes: number;
  readonly maxMessageBytes: number;
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
  return /^-?\d+$/.test(value) ? null : `Invalid value ${value} for ${name}: not a whole number`;
}

export function effectiveTopicConfig(configs: TopicConfigs, defaults: BrokerTopicDefaults): Record<TopicConfigKey, string> {
  return {
    'retention.ms': configs['retention.ms'] ?? String(defaults.retentionMs),
    'retention.bytes': configs['retention.bytes'] ?? String(defaults.retentionBytes),
    'segment.bytes': configs['segment.bytes'] ?? String(defaults.segmentBytes),
    'max.message.bytes': configs['max.message.bytes'] ?? String(defaults.maxMessageBytes),
    'cleanup.policy': configs['cleanup.policy'] ?? 'delete',
  };
}

export function logSettings(configs: TopicConfigs, defaults: BrokerTopicDefaults): PartitionLogSettings {
  const effective = effectiveTopicConfig(configs, defaults);
  return {
    retentionMs: Number(effective['retention.ms']),
    retentionBytes: Number(effective['retention.bytes']),
    segmentBytes: Number(effective['segment.bytes']),
  };
}
