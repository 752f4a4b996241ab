import { effectiveTopicConfig, isTopicConfigKey, logSettings, validateTopicConfig, type BrokerTopicDefaults } from './topic-config';

const DEFAULTS: BrokerTopicDefaults = { retentionMs: 604_800_000, retentionBytes: -1, segmentBytes: 1_073_741_824, maxMessageBytes: 1_048_588 };

describe('topic configs', () => {
  it('knows its keys', () => {
    expect(isTopicConfigKey('retention.ms')).toBe(true);
    expect(isTopicConfigKey('compression.type')).toBe(false);
  });

  it('validates values', () => {
    expect(validateTopicConfig('retention.ms', '-1')).toBeNull();
    expect(validateTopicConfig('segment.bytes', '1024')).toBeNull();
    expect(validateTopicConfig('segment.bytes', null)).toBeNull();
    expect(validateTopicConfig('segment.bytes', '1k')).toMatch(/segment\.bytes/);
    expect(validateTopicConfig('retention.ms', '1.5')).not.toBeNull();
    expect(validateTopicConfig('cleanup.policy', 'compact,delete')).toBeNull();
    expect(validateTopicConfig('cleanup.policy', 'forever')).not.toBeNull();
    expect(validateTopicConfig('min.cleanable.dirty.ratio', '0.25')).toBeNull();
    expect(validateTopicConfig('min.cleanable.dirty.ratio', '1.5')).not.toBeNull();
    expect(validateTopicConfig('min.cleanable.dirty.ratio', 'half')).not.toBeNull();
    expect(validateTopicConfig('delete.retention.ms', '0')).toBeNull();
    expect(validateTopicConfig('unknown.key', '1')).toMatch(/Unknown topic config/);
  });

  it('fills unset values from the broker defaults and derives log settings', () => {
    const configs = { 'retention.bytes': '5000', 'segment.bytes': '2048' };
    expect(effectiveTopicConfig(configs, DEFAULTS)).toEqual({
      'retention.ms': '604800000',
      'retention.bytes': '5000',
      'segment.bytes': '2048',
      'segment.ms': '604800000',
      'max.message.bytes': '1048588',
      'cleanup.policy': 'delete',
      'min.compaction.lag.ms': '0',
      'delete.retention.ms': '86400000',
      'min.cleanable.dirty.ratio': '0.5',
    });
    expect(logSettings(configs, DEFAULTS)).toMatchObject({ retentionMs: 604_800_000, retentionBytes: 5000, segmentBytes: 2048 });
    expect(logSettings({}, DEFAULTS)).toEqual({
      retentionMs: 604_800_000,
      retentionBytes: -1,
      segmentBytes: 1_073_741_824,
      segmentMs: 604_800_000,
      cleanupPolicy: { compact: false, delete: true },
      minCompactionLagMs: 0,
      deleteRetentionMs: 86_400_000,
      minCleanableDirtyRatio: 0.5,
    });
  });

  it('reads both halves of cleanup.policy', () => {
    expect(logSettings({ 'cleanup.policy': 'compact' }, DEFAULTS).cleanupPolicy).toEqual({ compact: true, delete: false });
    expect(logSettings({ 'cleanup.policy': 'compact,delete' }, DEFAULTS).cleanupPolicy).toEqual({ compact: true, delete: true });
  });
});
