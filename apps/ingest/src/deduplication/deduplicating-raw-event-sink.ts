import { Logger } from '@nestjs/common';
import { type SegmentMessage, TouchpointError } from '@touchpoint/contracts';
import { RawEventSink } from '../raw-events/raw-event-sink';
import { IntakeLedger, type IntakeStatus } from './intake-ledger';

/** Dedupe is an optimisation over consumers' own messageId checks: a slow ledger must not hold intake up. */
const LEDGER_DEADLINE_MS = 500;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The first message of each messageId; a later one in the same request is a repeat. */
function firstOfEach(events: readonly SegmentMessage[]): SegmentMessage[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.messageId) && seen.add(event.messageId));
}

/**
 * Exactly-once intake in front of the broker: a messageId accepted within the dedupe window is
 * acknowledged again without publishing. Ids are claimed before publishing, so two concurrent
 * identical requests cannot both publish, and marked seen only after the broker acknowledged,
 * so a failed publish does not swallow the client's retry. When the ledger is unreachable,
 * events are published anyway: consumers drop repeats by messageId, losing one is worse.
 */
export class DeduplicatingRawEventSink extends RawEventSink {
  private readonly logger = new Logger(DeduplicatingRawEventSink.name);

  constructor(
    private readonly inner: RawEventSink,
    private readonly ledger: IntakeLedger,
  ) {
    super();
  }

  async publish(events: readonly SegmentMessage[]): Promise<void> {
    const unique = firstOfEach(events);
    const statuses = await this.claim(unique);
    if (!statuses) {
      await this.inner.publish(unique);
      return;
    }
    const fresh = unique.filter((_, index) => statuses[index] === 'claimed');
    const ids = fresh.map((event) => event.messageId);
    const inFlight = unique.filter((_, index) => statuses[index] === 'in-flight');
    if (inFlight.length > 0) {
      await this.settle(this.ledger.release(ids), 'release');
      throw new TouchpointError(
        'TP_INGEST_DUPLICATE_IN_FLIGHT',
        `${inFlight.length} message(s) are being published by another request right now, e.g. messageId ${inFlight[0].messageId}; retry shortly`,
      );
    }
    if (fresh.length === 0) return;
    try {
      await this.inner.publish(fresh);
    } catch (error) {
      await this.settle(this.ledger.release(ids), 'release');
      throw error;
    }
    await this.settle(this.ledger.confirm(ids), 'confirm');
  }

  private async claim(events: readonly SegmentMessage[]): Promise<readonly IntakeStatus[] | undefined> {
    try {
      return await withDeadline(
        this.ledger.claim(events.map((event) => event.messageId)),
        LEDGER_DEADLINE_MS,
      );
    } catch (error) {
      this.logger.warn(`dedupe ledger unavailable, publishing without it: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** After the outcome is known a ledger failure only costs a possible duplicate, which consumers drop. */
  private async settle(work: Promise<void>, what: string): Promise<void> {
    try {
      await withDeadline(work, LEDGER_DEADLINE_MS);
    } catch (error) {
      this.logger.warn(`dedupe ledger ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
