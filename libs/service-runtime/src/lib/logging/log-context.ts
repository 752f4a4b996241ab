import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a log line says about the work it was written for: the message a consumer handles or
 * the request being served. Set where that work starts (consumer runner, HTTP hook), read by
 * the logger, so call sites log as they always did and still name their message and trace.
 */
export interface LogContext {
  messageId?: string;
  profileId?: string;
  traceId?: string;
  topic?: string;
  partition?: number;
  offset?: string;
  /** The last offset when the work is a run of several messages. */
  lastOffset?: string;
  reqId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` added to the current context (an outer one's fields stay unless overridden). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : { ...fields }, work);
}

/** Runs `work` inside exactly this context object (shared, so what one step adds the next sees). */
export function runInLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the work running now; mutable, so a later step (route params) can add to it. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
