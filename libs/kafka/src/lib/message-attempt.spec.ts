import { AttemptTimeoutError, runAttempt } from './message-attempt';

const noHeartbeat = { heartbeat: () => Promise.resolve(), heartbeatEveryMs: 60_000 };

/** Work that settles only when its signal fires, a little later, as a well-behaved handler does. */
const abortable = (settleDelayMs: number, log: string[]) => (signal: AbortSignal) =>
  new Promise<void>((_, reject) => {
    signal.addEventListener('abort', () => {
      log.push('aborted');
      setTimeout(() => {
        log.push('settled');
        reject(signal.reason);
      }, settleDelayMs);
    });
  });

describe('runAttempt', () => {
  it('reports success and failure as the work settles', async () => {
    await expect(runAttempt(() => Promise.resolve(), { timeoutMs: 1_000, ...noHeartbeat })).resolves.toEqual({ ok: true });
    const boom = new Error('boom');
    await expect(runAttempt(() => Promise.reject(boom), { timeoutMs: 1_000, ...noHeartbeat })).resolves.toEqual({ ok: false, error: boom, timedOut: false, stopped: false });
  });

  it('aborts a slow attempt at the timeout and waits for it to settle before returning', async () => {
    const log: string[] = [];
    const outcome = await runAttempt(abortable(50, log), { timeoutMs: 20, ...noHeartbeat, onOverrun: () => log.push('overrun') });
    log.push('returned');
    expect(log).toEqual(['aborted', 'overrun', 'settled', 'returned']);
    expect(outcome).toMatchObject({ ok: false, timedOut: true, stopped: false });
    expect(outcome.ok === false && outcome.error).toBeInstanceOf(AttemptTimeoutError);
  });

  it('counts an attempt that finishes after its timeout as done: its effects happened', async () => {
    const late = () => new Promise<void>((resolve) => setTimeout(resolve, 40));
    await expect(runAttempt(late, { timeoutMs: 10, ...noHeartbeat })).resolves.toEqual({ ok: true });
  });

  it('aborts on stop, and starts no attempt once stopped', async () => {
    const stop = new AbortController();
    const log: string[] = [];
    const running = runAttempt(abortable(5, log), { timeoutMs: 10_000, stop: stop.signal, ...noHeartbeat });
    stop.abort(new Error('shutting down'));
    await expect(running).resolves.toMatchObject({ ok: false, timedOut: false, stopped: true });
    let started = false;
    const work = () => {
      started = true;
      return Promise.resolve();
    };
    await expect(runAttempt(work, { timeoutMs: 10_000, stop: stop.signal, ...noHeartbeat })).resolves.toMatchObject({ ok: false, stopped: true });
    expect(started).toBe(false);
  });

  it('heartbeats while the work runs and ignores a failing heartbeat', async () => {
    let beats = 0;
    const heartbeat = () => {
      beats++;
      return Promise.reject(new Error('The group is rebalancing'));
    };
    const work = () => new Promise<void>((resolve) => setTimeout(resolve, 120));
    await expect(runAttempt(work, { timeoutMs: 10_000, heartbeat, heartbeatEveryMs: 20 })).resolves.toEqual({ ok: true });
    expect(beats).toBeGreaterThanOrEqual(3);
  });
});
