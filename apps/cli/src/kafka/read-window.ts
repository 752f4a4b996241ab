import { CliError } from '../cli-error';
import type { CliKafka } from './cli-kafka';
import type { PartitionRange } from './partition-reader';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--from` / `--to`: an ISO 8601 time, or a duration back from `now` (`90s`, `15m`, `2h`, `7d`,
 * `1w`), or `beginning` / `now`.
 */
export function parseTimeOption(option: string, value: string, now: number): number {
  const text = value.trim();
  if (text === 'beginning') return 0;
  if (text === 'now') return now;
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text);
  if (duration) return now - Math.round(Number(duration[1]) * (UNITS[duration[2] ?? 'ms'] ?? 1));
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  throw new CliError('TP_CLI_USAGE', `${option} ${value}: give an ISO time (2026-12-01T09:00:00Z), a duration back from now (90s, 15m, 2h, 7d) or "beginning"`);
}

/**
 * The offsets between two times on the chosen partitions, found by ListOffsets by timestamp:
 * the first record at or after `from`, up to the first at or after `to` (or the end the
 * partition has now). Nothing before `from` is read.
 */
export async function rangesByTime(cluster: CliKafka, topic: string, partitions: readonly number[], from: number, to: number | null): Promise<PartitionRange[]> {
  const admin = await cluster.admin();
  const high = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  const starts = new Map((await admin.fetchTopicOffsetsByTimestamp(topic, from)).map((p) => [p.partition, BigInt(p.offset)]));
  const ends = to === null ? high : new Map((await admin.fetchTopicOffsetsByTimestamp(topic, to)).map((p) => [p.partition, BigInt(p.offset)]));
  return [...partitions]
    .sort((a, b) => a - b)
    .map((partition) => {
      const end = ends.get(partition) ?? high.get(partition) ?? 0n;
      return { partition, start: starts.get(partition) ?? end, end };
    })
    .filter((range) => range.start < range.end);
}

/** Every partition of a topic, by id. */
export async function partitionsOf(cluster: CliKafka, topic: string): Promise<number[]> {
  const admin = await cluster.admin();
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return (metadata.topics[0]?.partitions ?? []).map((p) => p.partitionId).sort((a, b) => a - b);
}
