import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { type LogContext, currentLogContext, withLogContext } from '@touchpoint/service-runtime';
import { ConsumerRunner } from './consumer-runner';
import { EventPublisher } from './event-publisher';
import { readTopicToEnd } from './topic-reader';
import { RunnerSpecHarness, fastSettings, testTopic } from '../testing/runner-spec-harness';
import { merged, waitFor } from '../testing/spec-helpers';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceOf = (traceparent: unknown): string | undefined => /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(String(traceparent))?.[1];

describe('trace and log context through consumer and publisher', () => {
  let harness: RunnerSpecHarness;
  let app: INestApplicationContext;

  beforeAll(async () => {
    harness = await RunnerSpecHarness.start();
    app = await harness.startApp();
  }, 60_000);

  afterAll(async () => {
    await harness?.dispose();
  });

  it("hands each message's trace and ids to the handler's log context, and the publisher passes the trace on", async () => {
    const input = testTopic();
    const output = testTopic();
    await harness.provision(app, input, output);
    const producer = harness.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: input.name,
      acks: -1,
      messages: [
        { partition: 0, key: 'k', value: JSON.stringify(merged('traced')), headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, ce_id: 'ce-traced' } },
        { partition: 0, key: 'k', value: JSON.stringify(merged('untraced')) },
      ],
    });
    await producer.disconnect();

    const seen: { mergeId: string; log: LogContext; handlerTrace: string }[] = [];
    const publisher = app.get(EventPublisher);
    await app.get(ConsumerRunner).start({
      groupId: `trace-${input.name}`,
      topic: input,
      settings: fastSettings,
      handle: async (value, context) => {
        seen.push({ mergeId: value.mergeId, log: { ...currentLogContext() }, handlerTrace: context.traceId });
        // No traceId given: the publisher takes the one of the message being handled.
        await publisher.publish(output, [{ id: `out-${value.mergeId}`, value }]);
      },
    });
    await waitFor(() => (seen.length === 2 ? seen : undefined), 'both messages handled', 30_000);

    const [traced, untraced] = seen;
    expect(traced.log).toEqual({ topic: input.name, partition: 0, offset: '0', traceId: TRACE, messageId: 'ce-traced', profileId: merged('x').survivorProfileId });
    expect(traced.handlerTrace).toBe(TRACE);
    // A message without a trace gets a new one, the same in its log lines, its handler and its outputs.
    expect(untraced.log.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(untraced.log.traceId).not.toBe(TRACE);
    expect(untraced.handlerTrace).toBe(untraced.log.traceId);
    expect(untraced.log.messageId).toBeUndefined();

    const published = await readTopicToEnd(harness.kafka, output.name);
    const traces = Object.fromEntries(published.map(({ message }) => [String(message.headers?.['ce_id']), traceOf(message.headers?.['traceparent'])]));
    expect(traces).toEqual({ 'out-traced': TRACE, 'out-untraced': untraced.log.traceId });
  }, 60_000);

  it('publishes under the trace of the request being served, and an explicit traceId wins', async () => {
    const output = testTopic();
    await harness.provision(app, output);
    const publisher = app.get(EventPublisher);
    await withLogContext({ reqId: 'r-1', traceId: TRACE }, () =>
      publisher.publish(output, [
        { id: 'from-context', value: merged('a') },
        { id: 'explicit', value: merged('b'), traceId: 'b'.repeat(32) },
      ]),
    );
    await publisher.publish(output, [{ id: 'outside', value: merged('c') }]);
    const published = await readTopicToEnd(harness.kafka, output.name);
    const traces = Object.fromEntries(published.map(({ message }) => [String(message.headers?.['ce_id']), traceOf(message.headers?.['traceparent'])]));
    expect(traces['from-context']).toBe(TRACE);
    expect(traces['explicit']).toBe('b'.repeat(32));
    expect(traces['outside']).toMatch(/^[0-9a-f]{32}$/);
    expect(traces['outside']).not.toBe(TRACE);
  }, 30_000);
});
