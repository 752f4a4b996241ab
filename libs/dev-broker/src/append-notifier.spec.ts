import { AppendNotifier } from './append-notifier';

describe('AppendNotifier', () => {
  let notifier: AppendNotifier;
  let settled: string[];

  beforeEach(() => {
    jest.useFakeTimers();
    notifier = new AppendNotifier();
    settled = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  async function flush(): Promise<void> {
    for (let i = 0; i < 3; i++) await Promise.resolve();
  }

  function wait(name: string, keys: string[], timeoutMs: number, abort = new AbortController().signal): Promise<void> {
    return notifier.waitForAny(keys, timeoutMs, abort).then(() => {
      settled.push(name);
    });
  }

  it('wakes the waiters of the partition that was appended to, and only them', async () => {
    const a = wait('a', [AppendNotifier.key('t', 0), AppendNotifier.key('u', 3)], 10_000);
    const b = wait('b', [AppendNotifier.key('t', 1)], 10_000);
    notifier.notify('u', 3);
    notifier.notify('nobody-waits', 0);
    await a;
    await flush();
    expect(settled).toEqual(['a']);

    notifier.notify('t', 1);
    await b;
    expect(settled).toEqual(['a', 'b']);
  });

  it('resolves after the timeout, and a woken waiter is not woken again', async () => {
    const timed = wait('timed', [AppendNotifier.key('t', 0)], 500);
    jest.advanceTimersByTime(499);
    await flush();
    expect(settled).toEqual([]);
    jest.advanceTimersByTime(1);
    await timed;
    expect(settled).toEqual(['timed']);
    notifier.notify('t', 0);
    await flush();
    expect(settled).toEqual(['timed']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves when aborted and clears its timer', async () => {
    const controller = new AbortController();
    const aborted = wait('aborted', [AppendNotifier.key('t', 0)], 60_000, controller.signal);
    await flush();
    expect(settled).toEqual([]);
    controller.abort();
    await aborted;
    expect(settled).toEqual(['aborted']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
