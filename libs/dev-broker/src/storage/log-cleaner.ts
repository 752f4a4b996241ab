import type { Logger } from 'pino';
import { compactSegments } from './compaction';
import type { LogSegment } from './log-segment';
import type { PartitionLog } from './partition-log';

export interface CleanerRun {
  readonly partitionsCleaned: number;
  readonly recordsRemoved: number;
}

/**
 * Compacts the partitions of topics whose cleanup.policy includes `compact`, one pass per
 * tick. A partition is cleaned when its cleanable part (closed segments whose newest
 * record is older than min.compaction.lag.ms; never the active segment) is dirty enough:
 * dirty bytes / cleanable bytes >= min.cleanable.dirty.ratio, where "dirty" is what lies
 * past the last cleaning. As in Kafka, only a dirty log is cleaned: a tombstone whose
 * delete horizon has passed goes at the next cleaning, which new writes bring about.
 */
export class LogCleaner {
  constructor(private readonly logger: Logger) {}

  run(partitions: Iterable<{ readonly topic: string; readonly partition: number; readonly log: PartitionLog }>, now: number): CleanerRun {
    let partitionsCleaned = 0;
    let recordsRemoved = 0;
    for (const { topic, partition, log } of partitions) {
      if (!log.config.cleanupPolicy.compact) continue;
      try {
        const removed = this.maybeClean(log, now);
        if (removed === null) continue;
        partitionsCleaned++;
        recordsRemoved += removed;
      } catch (error) {
        this.logger.error({ err: error, topic, partition }, 'log cleaning failed; the partition keeps its current segments');
      }
    }
    return { partitionsCleaned, recordsRemoved };
  }

  /** Cleans the partition if it is due; returns the records removed, or null when it was not due. */
  private maybeClean(log: PartitionLog, now: number): number | null {
    const { segments: cleanable, end } = cleanableSegments(log, now);
    if (cleanable.length === 0) return null;
    const firstDirty = log.firstDirtyOffset;
    const total = cleanable.reduce((sum, s) => sum + s.size, 0);
    const dirty = cleanable.filter((s) => s.nextOffset > firstDirty).reduce((sum, s) => sum + s.size, 0);
    if (dirty === 0 || dirty / total < log.config.minCleanableDirtyRatio) return null;

    const pass = compactSegments(
      cleanable.map((s) => s.readBatches()),
      now,
      log.config.deleteRetentionMs,
    );
    pass.segments.forEach((batches, i) => {
      if (batches) log.replaceSegment(cleanable[i], batches);
    });
    log.markCleanedUpTo(end);
    return pass.removedRecords;
  }
}

/**
 * Closed segments up to the first one holding a record younger than min.compaction.lag.ms,
 * and the offset where the uncleanable rest of the log begins.
 */
function cleanableSegments(log: PartitionLog, now: number): { readonly segments: readonly LogSegment[]; readonly end: number } {
  const closed = log.closedSegments();
  const lag = log.config.minCompactionLagMs;
  const firstTooYoung = closed.findIndex((s) => s.maxTimestamp > now - lag);
  if (firstTooYoung < 0) return { segments: closed, end: log.activeSegmentBaseOffset };
  return { segments: closed.slice(0, firstTooYoung), end: closed[firstTooYoung].baseOffset };
}
