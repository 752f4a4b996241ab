export type AttemptOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly error: unknown;
      /** The attempt ran past its timeout and was aborted before it settled. */
      readonly timedOut: boolean;
      /** The attempt was aborted because the consumer is stopping. */
      readonly stopped: boolean;
    };

export interface AttemptOptions {
  readonly timeoutMs: number;
  /** Aborts the attempt, e.g. on shutdown. */
  readonly stop?: AbortSignal;
  /** Keeps the group membership alive while the handler runs longer than a session timeout. */
  readonly heartbeat: () => Promise<void>;
  readonly heartbeatEveryMs: number;
  /** Called once when the timeout fired and the handler still has not settled. */
  readonly onOverrun?: () => void;
}

/** The reason an attempt's signal carries when it ran out of time. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the handler did not settle within ${timeoutMs} ms`);
  }
}

/**
 * Runs one attempt at a message. On timeout or stop the attempt's signal is aborted and the
 * attempt is still awaited until it settles: a retry must never overlap the attempt before it,
 * or two attempts could apply the same message concurrently.
 */
export async function runAttempt(work: (signal: AbortSignal) => Promise<void>, options: AttemptOptions): Promise<AttemptOutcome> {
  if (options.stop?.aborted) return { ok: false, error: options.stop.reason, timedOut: false, stopped: true };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new AttemptTimeoutError(options.timeoutMs));
    options.onOverrun?.();
  }, options.timeoutMs);
  const onStop = (): void => controller.abort(options.stop?.reason);
  options.stop?.addEventListener('abort', onStop, { once: true });
  // A failed heartbeat (the group is rebalancing) surfaces again on the heartbeat after the
  // message, where the batch loop stops; here it must not interrupt the attempt.
  const beat = setInterval(() => void options.heartbeat().catch(() => undefined), options.heartbeatEveryMs);
  try {
    await work(controller.signal);
    return { ok: true };
  } catch (error) {
    return { ok: false, error, timedOut, stopped: options.stop?.aborted ?? false };
  } finally {
    clearTimeout(timer);
    clearInterval(beat);
    options.stop?.removeEventListener('abort', onStop);
  }
}
