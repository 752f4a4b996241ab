import { Injectable, Logger } from '@nestjs/common';
import { type SegmentMessage, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { z } from 'zod';
import { RawEventSink } from './raw-event-sink';

/**
 * A client holds its request open while we wait for acks; past this it is better told to
 * retry than left hanging on kafkajs's 30 s request timeout. A late acknowledgement after
 * the deadline only causes a duplicate on retry, which consumers drop by messageId.
 */
const ACK_DEADLINE_MS = 5_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

@Injectable()
export class KafkaRawEventSink extends RawEventSink {
  private readonly logger = new Logger(KafkaRawEventSink.name);

  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async publish(events: readonly SegmentMessage[]): Promise<void> {
    try {
      await withDeadline(
        this.publisher.publish(
          Topics.eventsRaw,
          events.map((event) => ({ id: event.messageId, value: event, time: event.timestamp, acceptedAt: Date.parse(event.receivedAt) })),
        ),
        ACK_DEADLINE_MS,
      );
    } catch (error) {
      // A schema failure here is our bug (events are validated before), not the broker's.
      if (error instanceof z.ZodError) throw error;
      this.logger.warn(`publishing ${events.length} event(s) to ${Topics.eventsRaw.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'Kafka did not acknowledge the events; retry after the Retry-After delay');
    }
  }
}
