import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { type ProfilesMerged, TouchpointError } from '@touchpoint/contracts';
import type { BatchContext, BatchItem } from './consumer-options';
import { ConsumerRunner } from './consumer-runner';
import { ConsumerStats } from './consumer-stats';
import { KafkaReadinessProbe } from './kafka.readiness-probe';
import { fastSettings, RunnerSpecHarness, testTopic, type TestTopic } from '../testing/runner-spec-harness';
import { merged, waitFor } from '../testing/spec-helpers';

/** One call of `handleBatch`, as the handler saw it. */
interface Call {
  readonly ids: readonly string[];
  readonly offsets: readonly string[];
  readonly attempt: number;
}

const idsFrom = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

/** An error the classification table takes for a dependency that is down. */
const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

describe('ConsumerRunner in batch mode against a real broker', () => {
  let harness: RunnerSpecHarness;

  beforeAll(async () => {
    harness = await RunnerSpecHarness.start();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  /** An app consuming a fresh topic; `apply` is the batch handler's effect, called once per successful call. */
  async function consumeInBatches(options: {
    readonly before: (topic: TestTopic) => Promise<void>;
    readonly apply?: (items: readonly BatchItem<ProfilesMerged>[], context: BatchContext) => void;
    readonly maxBatchSize?: number;
    readonly groupId?: string;
    readonly topic?: TestTopic;
  }): Promise<{ app: INestApplicationContext; topic: TestTopic; groupId: string; calls: Call[]; handled: string[] }> {
    const app = await harness.startApp();
    const topic = options.topic ?? testTopic();
    const groupId = options.groupId ?? `batch-${randomUUID()}`;
    await harness.provision(app, topic);
    await options.before(topic);
    const calls: Call[] = [];
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({
      groupId,
      topic,
      settings: fastSettings,
      maxBatchSize: options.maxBatchSize,
      handleBatch: async (items, context) => {
        calls.push({ ids: items.map((item) => item.value.mergeId), offsets: items.map((item) => item.context.offset), attempt: context.attempt });
        // Applied all or nothing, as one transaction would be.
        options.apply?.(items, context);
        handled.push(...items.map((item) => item.value.mergeId));
      },
    });
    return { app, topic, groupId, calls, handled };
  }

  const sendAll = (topic: TestTopic, values: readonly string[]): Promise<void> => harness.send(topic.name, 0, ...values);
  const asJson = (ids: readonly string[]): string[] => ids.map((id) => JSON.stringify(merged(id)));
  const offsetsAsNumbers = (call: Call): number[] => call.offsets.map(Number);

  it('hands over fetched messages in order in fewer calls than messages and commits them all', async () => {
    const ids = idsFrom('m', 200);
    const traces: boolean[] = [];
    const { app, topic, groupId, calls, handled } = await consumeInBatches({
      before: async (topic) => {
        for (let from = 0; from < ids.length; from += 50) await sendAll(topic, asJson(ids.slice(from, from + 50)));
      },
      apply: (items, context) => void traces.push(context.traceId === items[0].context.traceId && items.every((item) => item.context.partition === context.partition)),
    });
    await waitFor(() => (handled.length >= ids.length ? true : undefined), 'all 200 messages');
    expect(handled).toEqual(ids);
    expect(calls.length).toBeLessThan(ids.length / 2);
    for (const call of calls) expect(offsetsAsNumbers(call)).toEqual(call.offsets.map((_, index) => Number(call.offsets[0]) + index));
    expect(traces.every(Boolean)).toBe(true);
    await waitFor(async () => ((await harness.committed(groupId, topic.name))[0] === '200' ? true : undefined), 'the offset past the last message');

    // A later member of the group starts after the last commit: it gets the marker and nothing before it.
    await harness.closeApp(app);
    const restarted = await consumeInBatches({ topic, groupId, before: (topic) => sendAll(topic, asJson(['after-restart'])) });
    await waitFor(() => (restarted.handled.includes('after-restart') ? true : undefined), 'the marker after the restart');
    expect(restarted.handled).toEqual(['after-restart']);
  }, 40_000);

  it('dead-letters an undecodable message in its position and hands over the runs before and after it', async () => {
    const before = idsFrom('before', 10);
    const after = idsFrom('after', 10);
    const { calls, handled, topic } = await consumeInBatches({ before: (topic) => sendAll(topic, [...asJson(before), '{not json', ...asJson(after)]) });
    await waitFor(() => (handled.length >= 20 ? true : undefined), 'the messages around the undecodable one');
    expect(handled).toEqual([...before, ...after]);
    for (const call of calls) expect(offsetsAsNumbers(call).every((offset) => offset < 10) || offsetsAsNumbers(call).every((offset) => offset > 10)).toBe(true);
    const letters = await waitFor(async () => {
      const found = await harness.deadLettersOf(topic.name);
      return found.length > 0 ? found : undefined;
    }, 'the dead letter');
    expect(letters.map((letter) => [letter.errorCode, letter.source])).toEqual([['TP_CONSUMER_UNDECODABLE', { topic: topic.name, partition: 0, offset: '10' }]]);
  }, 30_000);

  it('takes a failing batch apart so only the bad messages are dead-lettered, then batches again', async () => {
    const values = ['ok-0', 'ok-1', 'refused', 'ok-3', 'buggy', 'ok-5', 'ok-6'];
    const later = idsFrom('later', 5);
    const singleAttemptsAtBuggy: number[] = [];
    const { app, calls, handled, topic } = await consumeInBatches({
      before: (topic) => sendAll(topic, asJson(values)),
      apply: (items) => {
        const ids = items.map((item) => item.value.mergeId);
        if (ids.includes('refused')) throw new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', 'nothing to resolve');
        if (ids.includes('buggy')) {
          if (ids.length === 1) singleAttemptsAtBuggy.push(Date.now());
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        }
      },
    });
    await waitFor(() => (handled.includes('ok-6') ? true : undefined), 'the last message of the failing batch');
    expect(handled).toEqual(['ok-0', 'ok-1', 'ok-3', 'ok-5', 'ok-6']);
    // Sent together, fetched together: one batch, then each of its messages on its own, the bad one until it is dead-lettered.
    expect(calls[0].ids).toEqual(values);
    const buggyAlone = singleAttemptsAtBuggy.map(() => ['buggy']);
    expect(calls.slice(1).map((call) => call.ids)).toEqual([['ok-0'], ['ok-1'], ['refused'], ['ok-3'], ...buggyAlone, ['ok-5'], ['ok-6']]);
    // The bad one retried on its own for the unclassified bound, across the pauses between its attempts.
    expect(singleAttemptsAtBuggy.length).toBeGreaterThanOrEqual(3);
    expect(singleAttemptsAtBuggy[singleAttemptsAtBuggy.length - 1] - singleAttemptsAtBuggy[0]).toBeGreaterThanOrEqual(1_400);
    const letters = await waitFor(async () => {
      const found = await harness.deadLettersOf(topic.name);
      return found.length >= 2 ? found : undefined;
    }, 'two dead letters');
    expect(letters.map((letter) => [letter.errorCode, letter.source.offset]).sort()).toEqual([
      ['TP_CONSUMER_HANDLER_FAILED', '4'],
      ['TP_IDENTITY_NO_IDENTIFIER', '2'],
    ]);
    expect(app.get(ConsumerStats).snapshot().deadLettered).toEqual({ TP_CONSUMER_HANDLER_FAILED: 1, TP_IDENTITY_NO_IDENTIFIER: 1 });

    // Past the failed batch, messages go together again.
    await sendAll(topic, asJson(later));
    await waitFor(() => (handled.includes('later-4') ? true : undefined), 'the messages after the failed batch');
    expect(calls.filter((call) => call.ids.some((id) => id.startsWith('later-'))).map((call) => call.ids)).toEqual([later]);
  }, 30_000);

  it('retries the same batch while a dependency is down, not grown by what arrived meanwhile, and applies it once it is back', async () => {
    const ids = idsFrom('needs-dependency', 10);
    const late = idsFrom('late', 5);
    let dependencyUp = false;
    const { app, calls, handled, topic, groupId } = await consumeInBatches({
      before: (topic) => sendAll(topic, asJson(ids)),
      apply: () => {
        if (!dependencyUp) throw refused();
      },
    });
    await waitFor(() => (calls.length >= 2 ? true : undefined), 'a retry of the batch');
    await sendAll(topic, asJson(late));
    const callsBeforeLate = calls.length;
    await waitFor(() => (calls.length > callsBeforeLate ? true : undefined), 'a retry with the late messages in the log');
    dependencyUp = true;
    await waitFor(() => (handled.length >= ids.length + late.length ? true : undefined), 'the batch once the dependency is back, then the late messages');

    expect(handled).toEqual([...ids, ...late]);
    const retried = calls.filter((call) => call.ids[0] === ids[0]);
    expect(retried.map((call) => [call.ids, call.attempt])).toEqual(retried.map((_, index) => [ids, index + 1]));
    expect(app.get(ConsumerStats).snapshot()).toMatchObject({ dependencyFailures: retried.length - 1, waitsStarted: 1, deadLettered: {} });
    await expect(app.get(KafkaReadinessProbe).check()).resolves.toBeUndefined();
    await waitFor(async () => ((await harness.committed(groupId, topic.name))[0] === '15' ? true : undefined), 'the offset past the late messages');
    expect(await harness.deadLettersOf(topic.name)).toEqual([]);
  }, 30_000);

  it('hands over no more than maxBatchSize messages at once, and refuses a maxBatchSize that is not a positive integer', async () => {
    const ids = idsFrom('m', 50);
    const { app, calls, handled } = await consumeInBatches({ maxBatchSize: 7, before: (topic) => sendAll(topic, asJson(ids)) });
    await waitFor(() => (handled.length >= ids.length ? true : undefined), 'all 50 messages');
    expect(handled).toEqual(ids);
    expect(Math.max(...calls.map((call) => call.ids.length))).toBe(7);

    const start = (maxBatchSize: number) => app.get(ConsumerRunner).start({ groupId: `batch-${randomUUID()}`, topic: testTopic(), maxBatchSize, handleBatch: async () => undefined });
    await expect(start(0)).rejects.toThrow('maxBatchSize');
    await expect(start(2.5)).rejects.toThrow('maxBatchSize');
  }, 30_000);
});
