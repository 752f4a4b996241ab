import { SingleBar } from 'cli-progress';

/** A progress bar on stderr for long reads, only when stderr is a terminal (never in pipes or goldens). */
export class ReadProgress {
  private readonly bar: SingleBar | null;
  private readonly done = new Map<number, bigint>();

  constructor(
    private readonly starts: ReadonlyMap<number, bigint>,
    total: bigint,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    const long = total > 10_000n;
    this.bar = long && stream.isTTY ? new SingleBar({ stream, format: 'reading {bar} {percentage}% | {value}/{total} records | {eta_formatted} left', hideCursor: true, clearOnComplete: true }) : null;
    this.bar?.start(Number(total), 0);
  }

  update(partition: number, nextOffset: bigint): void {
    if (!this.bar) return;
    this.done.set(partition, nextOffset - (this.starts.get(partition) ?? nextOffset));
    let sum = 0n;
    for (const value of this.done.values()) sum += value;
    this.bar.update(Number(sum));
  }

  stop(): void {
    this.bar?.stop();
  }
}
