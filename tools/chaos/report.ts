import type { PhaseResult } from './checks';

export interface ResultRow extends PhaseResult {
  readonly broker: string;
  /** ms from the fault's end (a crash: the kill) until a marker sent after it came out as a decision; null: never. */
  readonly recoveryMs: number | null;
  /** Whether the row is a fault (warm-up and cool-down are load without one). */
  readonly isFault: boolean;
  /** Other reasons the row fails (offsets re-read, no recovery). */
  readonly notes: string[];
}

export const rowPassed = (row: ResultRow): boolean => row.lost === 0 && row.duplicated === 0 && row.wrong === 0 && row.notes.length === 0 && (!row.isFault || row.recoveryMs !== null);

/** The rows as a plain, aligned text table. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['broker', 'fault', 'events sent', 'accepted', 'lost', 'duplicated', 'wrong decisions', 'recovery time'];
  const cells = rows.map((row) => [
    row.broker,
    row.phase,
    String(row.sent),
    String(row.accepted),
    String(row.lost),
    String(row.duplicated),
    String(row.wrong),
    row.isFault ? (row.recoveryMs === null ? 'none' : `${(row.recoveryMs / 1000).toFixed(1)} s`) : '-',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => (line[i] as string).length)));
  const line = (values: readonly string[]): string => values.map((value, i) => (i < 2 ? value.padEnd(widths[i] as number) : value.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
