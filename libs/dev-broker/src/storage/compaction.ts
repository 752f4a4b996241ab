import { decodeRecordBatch, type KafkaRecord, readBatchHeader, retainRecords } from '@touchpoint/kafka-protocol';

export interface CompactionPass {
  /** Per input segment, its batches after cleaning, or null when it is unchanged. */
  readonly segments: readonly (readonly Buffer[] | null)[];
  readonly removedRecords: number;
}

function keyOf(key: Buffer): string {
  // latin1 maps every byte to one code unit, so distinct keys stay distinct.
  return key.toString('latin1');
}

/**
 * One cleaning of a partition's cleanable segments (closed, past min.compaction.lag.ms),
 * decided as Kafka's cleaner decides it:
 * - a record survives only if it is the latest record of its key in these segments;
 * - records without a key are dropped (a compacted topic cannot hold them);
 * - a tombstone (null value) survives until its batch's delete horizon has passed; the
 *   first cleaning that keeps it stamps the batch with now + delete.retention.ms (KIP-534),
 *   so consumers that are behind get that long to see the delete.
 * Batches keep their offsets (see retainRecords); a batch left empty disappears, and an
 * unchanged batch keeps its bytes as produced.
 */
export function compactSegments(segments: readonly (readonly Buffer[])[], now: number, deleteRetentionMs: number): CompactionPass {
  const decoded = segments.map((batches) => batches.map((batch) => ({ batch, header: readBatchHeader(batch), records: decodeRecordBatch(batch) })));
  const latest = new Map<string, number>();
  for (const segment of decoded) for (const { records } of segment) for (const r of records) if (r.key) latest.set(keyOf(r.key), r.offset);

  let removedRecords = 0;
  const cleaned = decoded.map((segment) => {
    let changed = false;
    const batches: Buffer[] = [];
    for (const { batch, header, records } of segment) {
      const horizonPassed = header.deleteHorizonMs >= 0 && header.deleteHorizonMs <= now;
      const keep = (r: KafkaRecord): boolean => r.key !== null && latest.get(keyOf(r.key)) === r.offset && !(r.value === null && horizonPassed);
      const survivors = records.filter(keep);
      removedRecords += records.length - survivors.length;
      const keepsTombstone = survivors.some((r) => r.value === null);
      const horizon = keepsTombstone ? (header.deleteHorizonMs >= 0 ? header.deleteHorizonMs : now + deleteRetentionMs) : -1;
      if (survivors.length === records.length && horizon === header.deleteHorizonMs) {
        batches.push(batch);
        continue;
      }
      changed = true;
      const rebuilt = retainRecords(batch, keep, { deleteHorizonMs: horizon });
      if (rebuilt) batches.push(rebuilt);
    }
    return changed ? batches : null;
  });
  return { segments: cleaned, removedRecords };
}
