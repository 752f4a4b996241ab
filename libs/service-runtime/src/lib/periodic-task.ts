import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs`, one run at a time; a run that reports more to do (true)
 * is followed at once. A failing run is logged once per streak and tried again next time:
 * the work it failed on is still in Postgres. stop() waits for the run in flight.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<boolean>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => (this.running = null));
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    let more = false;
    try {
      more = await this.work();
      if (this.failing) this.logger.log(`${this.name} works again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`${this.name} failed, trying again every ${this.intervalMs} ms: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
    this.schedule(more ? 0 : this.intervalMs);
  }
}
