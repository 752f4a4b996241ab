import type { SegmentMessage } from '@touchpoint/contracts';

/**
 * Where accepted events go. Resolves only once every event is durably stored, so the caller
 * may acknowledge; rejects with TP_INGEST_BROKER_UNAVAILABLE otherwise.
 */
export abstract class RawEventSink {
  abstract publish(events: readonly SegmentMessage[]): Promise<void>;
}
