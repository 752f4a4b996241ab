import type { SegmentMessage } from '@touchpoint/contracts';
import { RawEventSink } from '../raw-events/raw-event-sink';

/** Keeps what would have gone to Kafka; `failWith` makes the next publish reject. */
export class RecordingRawEventSink extends RawEventSink {
  readonly published: SegmentMessage[] = [];
  failWith: Error | undefined;

  async publish(events: readonly SegmentMessage[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.published.push(...events);
  }
}
