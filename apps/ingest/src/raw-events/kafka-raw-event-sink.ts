import { Injectable, Logger } from '@nestjs/common';
import { type SegmentMessage, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher, hasBrokerErrorType } from '@touchpoint/kafka';
import { z } from 'zod';
import { RawEventSink } from './raw-event-sink';
import { SendCoalescer } from './send-coalescer';

/**
 * A client holds its request open while we wait for acks; past this it is better told to
 * retry than left hanging on kafkajs's 30 s request timeout. A late acknowledgement after
 * the deadline only causes a duplicate on retry, which consumers drop by messageId.
 */
const ACK_DEADLINE_MS = 5_000;

/**
 * Events per produce request when concurrent requests share one: about half of the broker's
 * 1 MB batch limit for typical events even if all land on one partition. Larger events may
 * still exceed it; the coalescer then sends each request on its own.
 */
const MAX_EVENTS_PER_SEND = 500;

const TOO_LARGE: ReadonlySet<string> = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const isTooLarge = (error: unknown): boolean => hasBrokerErrorType(error, TOO_LARGE);

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
  /** Concurrent requests share produce requests; each still waits for the broker's acknowledgement of its own events. */
  private readonly sends: SendCoalescer<SegmentMessage>;

  constructor(private readonly publisher: EventPublisher) {
    super();
    this.sends = new SendCoalescer((events) => this.send(events), { maxItems: MAX_EVENTS_PER_SEND, splitOn: isTooLarge });
  }

  async publish(events: readonly SegmentMessage[]): Promise<void> {
    try {
      await withDeadline(this.sends.submit(events), ACK_DEADLINE_MS);
    } catch (error) {
      // A schema failure here is our bug (events are validated before), not the broker's.
      if (error instanceof z.ZodError) throw error;
      this.logger.warn(`publishing ${events.length} event(s) to ${Topics.eventsRaw.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'Kafka did not acknowledge the events; retry after the Retry-After delay');
    }
  }

  /** Events come from normalizeSegmentMessage, parsed by the topic's schema there: the publisher need not parse them again. */
  private async send(events: readonly SegmentMessage[]): Promise<void> {
    await this.publisher.publish(
      Topics.eventsRaw,
      events.map((event) => ({ id: event.messageId, value: event, time: event.timestamp, acceptedAt: Date.parse(event.receivedAt) })),
      { parsed: true },
    );
  }
}
