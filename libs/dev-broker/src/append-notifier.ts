/** Wakes long-polling fetches when data lands in a partition they wait on. */
export class AppendNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  notify(topic: string, partition: number): void {
    const waiting = this.waiters.get(AppendNotifier.key(topic, partition));
    if (!waiting) return;
    for (const wake of [...waiting]) wake();
  }

  /** Resolves on the first append to any of `keys`, after `timeoutMs`, or when `abort` fires. */
  waitForAny(keys: readonly string[], timeoutMs: number, abort: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        abort.removeEventListener('abort', wake);
        for (const key of keys) this.waiters.get(key)?.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      abort.addEventListener('abort', wake);
      for (const key of keys) {
        let set = this.waiters.get(key);
        if (!set) {
          set = new Set();
          this.waiters.set(key, set);
        }
        set.add(wake);
      }
    });
  }
}
