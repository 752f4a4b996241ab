import fs from 'node:fs';
import path from 'node:path';
import { segmentFileName } from './segment-files';

/**
 * Replacing a closed segment with its cleaned version, crash-safe the way Kafka does it:
 *
 *   1. the cleaned batches go to `<base>.log.cleaned`, fsynced;
 *   2. renaming it to `<base>.log.swap` commits the replacement;
 *   3. the old segment's indexes are removed and the swap file is renamed over `<base>.log`.
 *
 * A crash before 2 leaves a `.cleaned` file that recovery deletes (the old segment is
 * intact); a crash after 2 leaves a `.swap` file that recovery finishes installing. The
 * indexes are rebuilt from the new file when it is opened.
 */
export function writeCleanedSegment(dir: string, baseOffset: number, batches: readonly Buffer[]): void {
  const file = segmentFileName(dir, baseOffset, '.log.cleaned');
  const fd = fs.openSync(file, 'w');
  try {
    for (const batch of batches) {
      let written = 0;
      while (written < batch.length) written += fs.writeSync(fd, batch, written, batch.length - written);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(file, segmentFileName(dir, baseOffset, '.log.swap'));
}

/** Step 3: puts a committed swap file in place of the segment it replaces. */
export function installSwappedSegment(dir: string, baseOffset: number): void {
  fs.rmSync(segmentFileName(dir, baseOffset, '.index'), { force: true });
  fs.rmSync(segmentFileName(dir, baseOffset, '.timeindex'), { force: true });
  fs.renameSync(segmentFileName(dir, baseOffset, '.log.swap'), segmentFileName(dir, baseOffset, '.log'));
}

/** At start, before segments are opened: drops unfinished cleanings and completes committed ones. */
export function recoverSegmentSwaps(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const match = /^(\d{20})\.log\.(cleaned|swap)$/.exec(name);
    if (!match) continue;
    if (match[2] === 'cleaned') fs.rmSync(path.join(dir, name), { force: true });
    else installSwappedSegment(dir, Number(match[1]));
  }
}
