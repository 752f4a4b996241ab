import { SendCoalescer } from './send-coalescer';

/** A send that stays open until the spec settles it, recording what it carried. */
function controlledSend() {
  const sends: { items: readonly string[]; settle: (error?: Error) => void }[] = [];
  const send = (items: readonly string[]) =>
    new Promise<void>((resolve, reject) => {
      sends.push({ items, settle: (error) => (error ? reject(error) : resolve()) });
    });
  return { sends, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

async function stateOf(promise: Promise<void>): Promise<string> {
  return Promise.race([promise.then(() => 'resolved', (error: unknown) => `rejected: ${String(error)}`), flush().then(() => 'pending')]);
}

describe('SendCoalescer', () => {
  const never = () => false;

  it('sends a lone submission at once, and what queued meanwhile in one send after it', async () => {
    const { sends, send } = controlledSend();
    const coalescer = new SendCoalescer(send, { maxItems: 100, splitOn: never });
    const first = coalescer.submit(['a1', 'a2']);
    expect(sends.map((s) => s.items)).toEqual([['a1', 'a2']]);
    const second = coalescer.submit(['b1']);
    const third = coalescer.submit(['c1', 'c2']);
    expect(sends).toHaveLength(1);

    sends[0].settle();
    await flush();
    expect(await stateOf(first)).toBe('resolved');
    expect(sends.map((s) => s.items)).toEqual([['a1', 'a2'], ['b1', 'c1', 'c2']]);
    // Acknowledged only with the send that carried them.
    expect(await stateOf(second)).toBe('pending');
    sends[1].settle();
    expect(await stateOf(second)).toBe('resolved');
    expect(await stateOf(third)).toBe('resolved');
  });

  it('caps a send at maxItems whole submissions, but never splits or holds back a large one', async () => {
    const { sends, send } = controlledSend();
    const coalescer = new SendCoalescer(send, { maxItems: 3, splitOn: never });
    void coalescer.submit(['x']);
    const waiting = [coalescer.submit(['a1', 'a2']), coalescer.submit(['b1']), coalescer.submit(['c1', 'c2', 'c3', 'c4'])];
    for (let i = 0; i < 2; i += 1) {
      sends[i].settle();
      await flush();
    }
    expect(sends.map((s) => s.items)).toEqual([['x'], ['a1', 'a2', 'b1'], ['c1', 'c2', 'c3', 'c4']]);
    expect(await Promise.all(waiting.map(stateOf))).toEqual(['resolved', 'resolved', 'pending']);
  });

  it('fails every submission of a failed send, and goes on with the next', async () => {
    const { sends, send } = controlledSend();
    const coalescer = new SendCoalescer(send, { maxItems: 100, splitOn: never });
    void coalescer.submit(['x']);
    const a = coalescer.submit(['a']);
    const b = coalescer.submit(['b']);
    sends[0].settle();
    await flush();
    sends[1].settle(new Error('broker down'));
    expect([await stateOf(a), await stateOf(b)]).toEqual(['rejected: Error: broker down', 'rejected: Error: broker down']);
    const c = coalescer.submit(['c']);
    expect(sends[2].items).toEqual(['c']);
    sends[2].settle();
    expect(await stateOf(c)).toBe('resolved');
  });

  it('sends each submission on its own again when a shared send failed for its size', async () => {
    const { sends, send } = controlledSend();
    const tooLarge = new Error('too large');
    const coalescer = new SendCoalescer(send, { maxItems: 100, splitOn: (error) => error === tooLarge });
    void coalescer.submit(['x']);
    const a = coalescer.submit(['a']);
    const b = coalescer.submit(['b']);
    sends[0].settle();
    await flush();
    sends[1].settle(tooLarge);
    await flush();
    expect(sends.map((s) => s.items)).toEqual([['x'], ['a', 'b'], ['a']]);
    sends[2].settle();
    await flush();
    expect(sends[3].items).toEqual(['b']);
    sends[3].settle(tooLarge);
    expect([await stateOf(a), await stateOf(b)]).toEqual(['resolved', 'rejected: Error: too large']);
  });
});
