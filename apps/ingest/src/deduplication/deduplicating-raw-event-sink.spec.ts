import { Logger } from '@nestjs/common';
import { type SegmentMessage, TouchpointError, Topics } from '@touchpoint/contracts';
import { InMemoryIntakeLedger } from '../testing/in-memory-intake-ledger';
import { RecordingRawEventSink } from '../testing/recording-raw-event-sink';
import { DeduplicatingRawEventSink } from './deduplicating-raw-event-sink';

const event = (messageId: string): SegmentMessage =>
  Topics.eventsRaw.schema.parse({
    type: 'track',
    messageId,
    anonymousId: 'anon-1',
    event: 'Product Viewed',
    timestamp: '2024-05-01T12:00:00.000Z',
    receivedAt: '2024-05-01T12:00:00.000Z',
  });

function setup() {
  const kafka = new RecordingRawEventSink();
  const ledger = new InMemoryIntakeLedger();
  return { kafka, ledger, sink: new DeduplicatingRawEventSink(kafka, ledger) };
}

const ids = (events: readonly SegmentMessage[]): string[] => events.map((e) => e.messageId);

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return error instanceof TouchpointError ? error.code : `not a TouchpointError: ${String(error)}`;
}

describe('DeduplicatingRawEventSink', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('publishes a messageId once, and marks it seen only after the broker acknowledged', async () => {
    const { kafka, ledger, sink } = setup();
    await sink.publish([event('m-1'), event('m-2')]);
    expect(ledger.states.get('m-1')).toBe('seen');
    await sink.publish([event('m-2'), event('m-3')]);
    await sink.publish([event('m-1')]);
    expect(ids(kafka.published)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('drops a repeat within one request', async () => {
    const { kafka, sink } = setup();
    await sink.publish([event('m-1'), event('m-1'), event('m-2')]);
    expect(ids(kafka.published)).toEqual(['m-1', 'm-2']);
  });

  it('releases its claims when the broker fails, so the retry publishes', async () => {
    const { kafka, ledger, sink } = setup();
    kafka.failWith = new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'down');
    expect(await codeOf(sink.publish([event('m-1')]))).toBe('TP_INGEST_BROKER_UNAVAILABLE');
    expect(ledger.states.has('m-1')).toBe(false);
    kafka.failWith = undefined;
    await sink.publish([event('m-1')]);
    expect(ids(kafka.published)).toEqual(['m-1']);
  });

  it('lets only one of two concurrent identical requests publish; the other is told to retry', async () => {
    const { kafka, ledger, sink } = setup();
    ledger.states.set('m-1', 'in-flight');
    expect(await codeOf(sink.publish([event('m-2'), event('m-1')]))).toBe('TP_INGEST_DUPLICATE_IN_FLIGHT');
    expect(kafka.published).toEqual([]);
    // Nothing of the refused request stays claimed: m-2 is free for the retry.
    expect(ledger.states.has('m-2')).toBe(false);
  });

  it('publishes anyway while the ledger is unreachable, since consumers drop repeats themselves', async () => {
    const { kafka, ledger, sink } = setup();
    ledger.failWith = new Error('ECONNREFUSED');
    await sink.publish([event('m-1')]);
    await sink.publish([event('m-1')]);
    expect(ids(kafka.published)).toEqual(['m-1', 'm-1']);
  });
});
