import type { SimulatedEvent } from '@touchpoint/shopper-simulator';

/** What happened to one message the load sent. */
export interface SentMessage {
  readonly messageId: string;
  /** The fault phase under way when it was first sent. */
  readonly phase: string;
  readonly firstSentAt: number;
  acceptedAt: number | null;
  attempts: number;
  /** The last non-2xx answer or connection error, for the report when it was never accepted. */
  lastRefusal: string | null;
  /** Sent again on purpose after it was accepted (an SDK that timed out and retried). */
  resent: boolean;
}

export interface LoadOptions {
  readonly ingestUrl: string;
  /** The write key of the web and app sources. */
  readonly writeKey: string;
  /** Write keys a till may use, tried in order until ingest takes one (a deployment may give tills their own). */
  readonly storeWriteKeys: readonly string[];
  readonly events: readonly SimulatedEvent[];
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Calls started per second at most. */
  readonly ratePerSecond: number;
  /** Share of accepted calls sent a second time, to be absorbed as duplicates. */
  readonly resendShare: number;
  readonly phase: () => string;
  /** A message is given up (counted as not accepted) after retrying this long. */
  readonly giveUpMs: number;
}

const STORE_ID_PREFIX = 'store';

/** The messageId ingest gives a call: the SDK's own, or the one derived from a store transaction. */
export function messageIdOf(event: SimulatedEvent): string {
  if (event.kind === 'segment') return String(event.body['messageId']);
  const { storeId, transactionId, kind } = event.transaction;
  return `${STORE_ID_PREFIX}:${storeId}:${transactionId}:${kind}`;
}

function request(event: SimulatedEvent): { path: string; body: string } {
  if (event.kind === 'segment') return { path: event.path, body: JSON.stringify(event.body) };
  return { path: '/v1/store/transactions', body: JSON.stringify({ transactions: [event.transaction] }) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What an SDK retries: overload, unavailability and the connection failing; anything else is the call's own fault. */
const retryable = (status: number): boolean => status === 429 || status >= 500;

/**
 * The shopper simulator's calls sent to ingest in time order, as fast as it takes them within
 * the rate and the concurrency, each retried like an SDK does (same body, same messageId) until
 * ingest accepts it. A retry after an answer lost in transit is exactly a duplicate the system
 * must absorb; a share of accepted calls is also sent again on purpose.
 */
export class ShopperLoad {
  readonly sent = new Map<string, SentMessage>();
  private next = 0;
  private stopping = false;
  private running: Promise<void> | null = null;
  private resendCounter = 0;
  private storeKey = 0;

  constructor(private readonly options: LoadOptions) {}

  private authorization(path: string): string {
    const key = path.startsWith('/v1/store/') ? (this.options.storeWriteKeys[this.storeKey] ?? this.options.writeKey) : this.options.writeKey;
    return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  }

  start(): void {
    const interval = 1000 / this.options.ratePerSecond;
    let slot = Date.now();
    const worker = async (): Promise<void> => {
      while (!this.stopping && this.next < this.options.events.length) {
        const event = this.options.events[this.next++] as SimulatedEvent;
        // Each call takes the next start slot of the rate; a worker that is late starts at once.
        slot = Math.max(slot + interval, Date.now());
        const wait = slot - Date.now();
        if (wait > 0) await sleep(wait);
        await this.deliver(event);
      }
    };
    this.running = Promise.all(Array.from({ length: this.options.concurrency }, () => worker())).then(() => undefined);
  }

  /** Stops taking new calls and waits for those under way to be accepted or given up. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  exhausted(): boolean {
    return this.next >= this.options.events.length;
  }

  async post(path: string, body: string): Promise<number> {
    for (;;) {
      const response = await fetch(`${this.options.ingestUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: this.authorization(path) },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      const refusedKey = (response.status === 401 || response.status === 403) && path.startsWith('/v1/store/');
      if (!refusedKey || this.storeKey >= this.options.storeWriteKeys.length - 1) return response.status;
      this.storeKey++;
    }
  }

  /** A track call of the run's own (a recovery marker), retried until `deadline`; true once accepted. */
  async sendMarker(body: Record<string, unknown>, deadline: number): Promise<boolean> {
    const event: SimulatedEvent = { kind: 'segment', at: Date.now(), path: '/v1/track', body };
    await this.deliver(event, deadline - Date.now());
    return this.sent.get(messageIdOf(event))?.acceptedAt != null;
  }

  private async deliver(event: SimulatedEvent, giveUpMs = this.options.giveUpMs): Promise<void> {
    const messageId = messageIdOf(event);
    const record: SentMessage = this.sent.get(messageId) ?? { messageId, phase: this.options.phase(), firstSentAt: Date.now(), acceptedAt: null, attempts: 0, lastRefusal: null, resent: false };
    this.sent.set(messageId, record);
    const { path, body } = request(event);
    const giveUpAt = Date.now() + giveUpMs;
    for (let backoff = 200; ; backoff = Math.min(backoff * 2, 2_000)) {
      record.attempts++;
      try {
        const status = await this.post(path, body);
        if (status >= 200 && status < 300) {
          record.acceptedAt ??= Date.now();
          break;
        }
        record.lastRefusal = `HTTP ${status}`;
        if (!retryable(status)) return;
      } catch (error) {
        record.lastRefusal = String(error instanceof Error ? (error.cause ?? error.message) : error);
      }
      if (Date.now() > giveUpAt) return;
      await sleep(backoff);
    }
    // Deterministic share: every n-th accepted call goes out once more.
    if (this.options.resendShare > 0 && ++this.resendCounter % Math.round(1 / this.options.resendShare) === 0) {
      record.resent = true;
      await this.post(path, body).catch(() => undefined);
    }
  }
}
