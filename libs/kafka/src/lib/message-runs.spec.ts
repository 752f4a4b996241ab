import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { type FetchedMessage, type MessageRun, messagesOf, type RunLimit, runAt } from './message-runs';

const message = (offset: number): KafkaMessage => ({ key: null, value: null, timestamp: '0', attributes: 0, offset: String(offset), headers: {} });

/** A fetched batch from offset `first`: true for a decodable message, false for one that is not. */
const batch = (first: number, decodable: readonly boolean[]): FetchedMessage<number>[] =>
  decodable.map((ok, index) =>
    ok ? { message: message(first + index), decoded: true, value: first + index } : { message: message(first + index), decoded: false, error: new Error('bad') },
  );

/** Runs one after another over the whole batch, as the runner takes them when every attempt succeeds. */
function split(fetched: readonly FetchedMessage<number>[], limit: RunLimit): MessageRun<number>[] {
  const runs: MessageRun<number>[] = [];
  for (let index = 0; index < fetched.length; index += messagesOf(runs[runs.length - 1]).length) runs.push(runAt(fetched, index, limit));
  return runs;
}

const shape = (run: MessageRun<number>): string => (run.kind === 'undecodable' ? `x${run.item.message.offset}` : run.items.map((item) => item.value).join(','));

describe('runAt', () => {
  it('puts consecutive decodable messages together and leaves an undecodable one alone, in its position', () => {
    expect(split(batch(10, [true, true, false, true, false, false, true]), { maxSize: 500 }).map(shape)).toEqual(['10,11', 'x12', '13', 'x14', 'x15', '16']);
  });

  it('ends a run at maxSize', () => {
    expect(split(batch(0, [true, true, true, true, true]), { maxSize: 2 }).map(shape)).toEqual(['0,1', '2,3', '4']);
    expect(split(batch(0, [true, true, true]), { maxSize: 1 }).map(shape)).toEqual(['0', '1', '2']);
  });

  it('ends a run at throughOffset, comparing offsets as numbers', () => {
    const fetched = batch(8, [true, true, true, true]);
    expect(shape(runAt(fetched, 0, { maxSize: 500, throughOffset: '9' }))).toBe('8,9');
    expect(shape(runAt(fetched, 0, { maxSize: 500, throughOffset: '10' }))).toBe('8,9,10');
    expect(shape(runAt(fetched, 1, { maxSize: 500, throughOffset: '100' }))).toBe('9,10,11');
  });

  it('covers every message once, in order, with runs no longer than maxSize and no shorter than they had to be', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (decodable, maxSize) => {
        const fetched = batch(0, decodable);
        const runs = split(fetched, { maxSize });
        expect(runs.flatMap((run) => messagesOf(run).map((m) => Number(m.offset)))).toEqual(decodable.map((_, index) => index));
        for (const run of runs) {
          if (run.kind === 'undecodable') continue;
          expect(run.items.length).toBeLessThanOrEqual(maxSize);
          // A run stops short of maxSize only before an undecodable message or at the end of the batch.
          const next = Number(run.items[run.items.length - 1].message.offset) + 1;
          if (run.items.length < maxSize && next < decodable.length) expect(decodable[next]).toBe(false);
        }
      }),
    );
  });
});
