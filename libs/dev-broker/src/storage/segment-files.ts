import path from 'node:path';

/** Kafka's naming: the base offset, zero-padded to 20 digits, per file kind. */
export type SegmentFileSuffix = '.log' | '.index' | '.timeindex' | '.log.cleaned' | '.log.swap';

export function segmentFileName(dir: string, baseOffset: number, suffix: SegmentFileSuffix): string {
  return path.join(dir, `${String(baseOffset).padStart(20, '0')}${suffix}`);
}

export function parseSegmentBaseOffset(fileName: string): number | null {
  const match = /^(\d{20})\.log$/.exec(fileName);
  return match ? Number(match[1]) : null;
}
