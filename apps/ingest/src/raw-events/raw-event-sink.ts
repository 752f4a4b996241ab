import type { SegmentMessage } from '@touchpoint/contracts';

/**
 * Where accepted events go. Resolves only once every event is durably stored, so the caller
 * may acknowledge; rejects with TP_INGEST_BROKER_UNAVAILABLE otherwise. Events are the output
 * of the topic's schema (callers parse them while normalizing), so they are not parsed again.
 */
export abstract class RawEventSink {
  abstract publish(events: readonly SegmentMessage[]): Promise<void>;
}
