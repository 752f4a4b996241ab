import { type ShownRecord, summaryOf } from './shown-record';

export const outputFormats = ['table', 'json', 'ndjson'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface Output {
  write(text: string): void;
}

/** Streams records as they are read: a table row, an ndjson line, or one element of a JSON array. */
export class RecordPrinter {
  private count = 0;

  constructor(
    private readonly format: OutputFormat,
    private readonly out: Output,
  ) {}

  print(record: ShownRecord): void {
    if (this.format === 'ndjson') this.out.write(`${JSON.stringify(record)}\n`);
    else if (this.format === 'json') this.out.write(`${this.count === 0 ? '[\n' : ',\n'}  ${JSON.stringify(record)}`);
    else {
      if (this.count === 0) this.out.write(`${'TIME'.padEnd(24)}  ${'PARTITION@OFFSET'.padEnd(16)}  ${'KEY'.padEnd(36)}  WHAT\n`);
      this.out.write(`${record.time.padEnd(24)}  ${`${record.partition}@${record.offset}`.padEnd(16)}  ${(record.key ?? '-').padEnd(36)}  ${summaryOf(record)}\n`);
    }
    this.count++;
  }

  /** Closes the JSON array; returns how many records were printed. */
  end(): number {
    if (this.format === 'json') this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
    return this.count;
  }
}
