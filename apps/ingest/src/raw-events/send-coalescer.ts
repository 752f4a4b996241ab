/** What one caller handed in, and how to tell it the outcome. */
interface Submission<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface SendCoalescerOptions {
  /** Items per send; a submission larger than this still goes whole, on its own. */
  readonly maxItems: number;
  /**
   * A failure of a shared send that one of its submissions alone might not meet (a batch over
   * the broker's size limit): each submission is then sent again on its own.
   */
  readonly splitOn: (error: unknown) => boolean;
}

/**
 * Turns concurrent sends into one: while a send is in flight, what is submitted queues, and the
 * next send carries all of it (up to `maxItems`). A lone submission goes at once, so nothing
 * waits for a timer. Every submission settles with the send that carried it: it resolves only
 * once that send resolved (for Kafka: the broker acknowledged every message in it).
 *
 * One send in flight is no loss against kafkajs: its idempotent producer holds one Produce
 * request in flight per broker anyway, so concurrent `send` calls queued behind each other,
 * each paying a round trip and a request of its own.
 */
export class SendCoalescer<T> {
  private queue: Submission<T>[] = [];
  private sending = false;

  constructor(
    private readonly send: (items: readonly T[]) => Promise<void>,
    private readonly options: SendCoalescerOptions,
  ) {}

  submit(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.sending || this.queue.length === 0) return;
    const taken = this.take();
    this.sending = true;
    void this.carry(taken).finally(() => {
      this.sending = false;
      this.next();
    });
  }

  /** Whole submissions from the head of the queue, up to maxItems (at least one). */
  private take(): Submission<T>[] {
    let count = 0;
    let end = 0;
    while (end < this.queue.length && (end === 0 || count + this.queue[end].items.length <= this.options.maxItems)) {
      count += this.queue[end].items.length;
      end += 1;
    }
    return this.queue.splice(0, end);
  }

  private async carry(submissions: readonly Submission<T>[]): Promise<void> {
    try {
      await this.send(submissions.length === 1 ? submissions[0].items : submissions.flatMap((submission) => submission.items));
      for (const submission of submissions) submission.resolve();
    } catch (error) {
      if (submissions.length > 1 && this.options.splitOn(error)) {
        for (const submission of submissions) await this.carry([submission]);
        return;
      }
      for (const submission of submissions) submission.reject(error);
    }
  }
}
