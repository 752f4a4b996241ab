interface Pending<Q, R> {
  readonly request: Q;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs concurrent single requests as batches: a request starts a batch at once when fewer than
 * `maxInFlight` are running (one by default: a statement in flight is what lets the next batch
 * fill), and otherwise waits for the next one, which takes everything that queued meanwhile. So a lone caller pays no delay, while many concurrent callers (partitions,
 * instances of the resolver) share one round trip instead of each paying their own.
 */
export class Coalescer<Q, R> {
  private queue: Pending<Q, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly runBatch: (requests: readonly Q[]) => Promise<readonly R[]>,
    private readonly maxInFlight = 1,
    private readonly maxBatch = 256,
  ) {}

  run(request: Q): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    this.runBatch(batch.map((pending) => pending.request))
      .then(
        (results) => batch.forEach((pending, index) => pending.resolve(results[index])),
        (error: unknown) => batch.forEach((pending) => pending.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        this.next();
      });
  }
}
