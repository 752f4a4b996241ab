import fs from 'node:fs';

/**
 * One offset in a file of its own (a partition's log start offset, its cleaner position),
 * replaced with write-then-rename so a crash leaves the old value or the new, never half.
 */
export class OffsetCheckpoint {
  constructor(private readonly file: string) {}

  read(): number | null {
    if (!fs.existsSync(this.file)) return null;
    const value = Number(fs.readFileSync(this.file, 'utf8').trim());
    return Number.isSafeInteger(value) && value >= 0 ? value : null;
  }

  write(value: number): void {
    fs.writeFileSync(`${this.file}.tmp`, String(value));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }
}
