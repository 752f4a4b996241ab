import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { consumerSettingsDefaults } from '@touchpoint/config';
import { type DeadLetter, defineTopic, type ProfilesMerged } from '@touchpoint/contracts';
import fc from 'fast-check';
import { ConsumerRunner } from './consumer-runner';
import { PREFIX_BYTES } from './dead-letter-copy';
import { recordHeaders, recordValue, verdictOf } from '../testing/consumer-arbitraries';
import { RunnerSpecHarness, fastSettings, testTopic, type TestTopic } from '../testing/runner-spec-harness';
import { merged, waitFor } from '../testing/spec-helpers';

jest.setTimeout(120_000);

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const padded = (id: string, bytes: number): Buffer => json({ ...merged(id), padding: 'x'.repeat(bytes) });

/** A test topic that takes records up to 3 MiB, so records over the consumers' default limit can be written at all. */
const roomyTopic = (): TestTopic => defineTopic({ ...testTopic(), configs: { 'max.message.bytes': String(3 * 1024 * 1024) } });

describe('ConsumerRunner size limit and fuzzed records against a real broker', () => {
  let harness: RunnerSpecHarness;
  let app: INestApplicationContext;

  beforeAll(async () => {
    harness = await RunnerSpecHarness.start();
    app = await harness.startApp();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  const lettersAt = async (topic: string, count: number): Promise<DeadLetter[]> =>
    waitFor(async () => {
      const letters = await harness.deadLettersOf(topic);
      return letters.length >= count ? letters : undefined;
    }, `${count} dead letters of ${topic}`);

  it('with the default limit, dead-letters a record over 1 MiB unparsed, with a prefix and its size, and handles the next one', async () => {
    const topic = roomyTopic();
    await harness.provision(app, topic);
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({ groupId: `size-${randomUUID()}`, topic, settings: fastSettings, handle: async (value) => void handled.push(value.mergeId) });
    const huge = padded('huge', consumerSettingsDefaults.maxMessageBytes + 1);
    const [hugeOffset] = await harness.sendRecords(topic.name, 0, [{ key: 'k', value: huge }, { key: 'k', value: json(merged('after-huge')) }]);

    await waitFor(() => (handled.includes('after-huge') ? true : undefined), 'the record after the huge one');
    // Valid but for its size, and never handed over.
    expect(handled).toEqual(['after-huge']);
    const [letter] = await lettersAt(topic.name, 1);
    expect(letter).toMatchObject({ errorCode: 'TP_CONSUMER_MESSAGE_TOO_LARGE', source: { partition: 0, offset: hugeOffset }, valueBytes: huge.length, truncated: true });
    expect(Buffer.from(letter.value ?? '', 'base64')).toEqual(huge.subarray(0, PREFIX_BYTES));
  });

  it('with a lower limit, dead-letters a record just over it, keeps one at it, and carries the original whole while it fits the dead-letter topic', async () => {
    const topic = testTopic();
    await harness.provision(app, topic);
    const limit = 64 * 1024;
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({ groupId: `size-${randomUUID()}`, topic, settings: { ...fastSettings, maxMessageBytes: limit }, handle: async (value) => void handled.push(value.mergeId) });
    // Ids of one length, so the padding alone sets the sizes.
    const base = padded('at-limit', 0).length;
    const atLimit = padded('at-limit', limit - base);
    const justOver = padded('overlimt', limit - base + 1);
    // Over the dead letter's room for a whole copy (640 KiB) yet under the broker's 1 MiB.
    const large = padded('large', 700 * 1024);
    expect([atLimit.length, justOver.length]).toEqual([limit, limit + 1]);
    const offsets = await harness.sendRecords(topic.name, 0, [atLimit, justOver, large, json(merged('after'))].map((value) => ({ key: 'k', value })));

    await waitFor(() => (handled.includes('after') ? true : undefined), 'the record after the large ones');
    expect(handled).toEqual(['at-limit', 'after']);
    const letters = await lettersAt(topic.name, 2);
    const byOffset = new Map(letters.map((letter) => [letter.source.offset, letter]));
    expect(byOffset.get(offsets[1])).toMatchObject({ errorCode: 'TP_CONSUMER_MESSAGE_TOO_LARGE', value: justOver.toString('base64'), valueBytes: limit + 1 });
    expect(byOffset.get(offsets[1])?.truncated).toBeUndefined();
    expect(byOffset.get(offsets[2])).toMatchObject({ errorCode: 'TP_CONSUMER_MESSAGE_TOO_LARGE', valueBytes: large.length, truncated: true });
  });

  it('fuzzed records and headers: each valid one is handled as it was, each other one dead-lettered with its code, one at a time and in batches, and the partition moves on', async () => {
    const limit = 8 * 1024;
    const records = fc.array(fc.record({ value: recordValue(limit), headers: fc.option(recordHeaders, { nil: undefined }) }), { minLength: 4, maxLength: 14 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(records, async (generated) => {
        run++;
        const topic = testTopic();
        await harness.provision(app, topic);
        const seen = { one: new Map<string, ProfilesMerged>(), batch: new Map<string, ProfilesMerged>() };
        const settings = { ...fastSettings, maxMessageBytes: limit };
        const runner = app.get(ConsumerRunner);
        await runner.start({ groupId: `fuzz-one-${run}-${randomUUID()}`, topic, settings, handle: async (value, { offset }) => void seen.one.set(offset, value) });
        await runner.start({
          groupId: `fuzz-batch-${run}-${randomUUID()}`,
          topic,
          settings,
          maxBatchSize: 4,
          handleBatch: async (items) => {
            for (const item of items) seen.batch.set(item.context.offset, item.value);
          },
        });
        const sentinel = `sentinel-${run}`;
        const offsets = await harness.sendRecords(topic.name, 0, [
          ...generated.map(({ value, headers }) => ({ key: 'k', value, headers })),
          { key: 'k', value: json(merged(sentinel)) },
        ]);
        const sentinelOffset = offsets.pop() ?? '';
        await waitFor(() => (seen.one.has(sentinelOffset) && seen.batch.has(sentinelOffset) ? true : undefined), `both groups past ${sentinelOffset}`, 30_000);

        const verdicts = generated.map(({ value }) => verdictOf(topic, value, limit));
        const expected = {
          handled: offsets.flatMap((offset, i) => (verdicts[i].valid ? [offset] : [])),
          lettered: offsets.flatMap((offset, i) => {
            const verdict = verdicts[i];
            return verdict.valid ? [] : [`${offset} ${verdict.code}`];
          }),
        };
        const letters = await lettersAt(topic.name, 2 * expected.lettered.length);
        for (const [group, handled] of [['one', seen.one] as const, ['batch', seen.batch] as const]) {
          handled.delete(sentinelOffset);
          // Nothing accepted and lost, nothing invented: exactly the valid records, each as it was written.
          expect({ group, handled: [...handled.keys()].sort() }).toEqual({ group, handled: [...expected.handled].sort() });
          for (const [offset, value] of handled) {
            const verdict = verdicts[offsets.indexOf(offset)];
            expect(verdict.valid && verdict.value).toEqual(value);
          }
          const ours = letters.filter((letter) => letter.consumerGroup.startsWith(`fuzz-${group}-`)).map((letter) => `${letter.source.offset} ${letter.errorCode}`);
          expect({ group, lettered: ours.sort() }).toEqual({ group, lettered: [...expected.lettered].sort() });
        }
        await runner.stop();
      }),
      { numRuns: 4 },
    );
    expect(run).toBe(4);
  });
});
