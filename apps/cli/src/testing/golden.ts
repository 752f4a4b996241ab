import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../program';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in-process, as `touchpoint <args>`, at a fixed clock. */
export async function touchpoint(args: readonly string[], now = Date.parse('2026-11-10T00:00:00.000Z')): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (t) => void (stdout += t) }, stderr: { write: (t) => void (stderr += t) }, now: () => now });
  return { code, stdout, stderr };
}

/** What differs between runs and brokers and says nothing about the command: ports, and wall-clock times of writes. */
export function normalize(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/localhost:\d+/g, 'localhost:<port>')
    .replace(/touchpoint-cli-[0-9a-f-]{36}/g, 'touchpoint-cli-<id>');
}

/**
 * Compares a run with the golden file beside the spec (`<dir>/goldens/<name>.txt`): exit code,
 * stdout and stderr, normalized. `TOUCHPOINT_UPDATE_GOLDENS=1` rewrites the file instead.
 */
export function expectGolden(dir: string, name: string, run: CliRun): void {
  const file = path.join(dir, 'goldens', `${name}.txt`);
  const actual = normalize(`$ exit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`);
  if (process.env['TOUCHPOINT_UPDATE_GOLDENS'] === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`no golden ${file}: run the spec with TOUCHPOINT_UPDATE_GOLDENS=1 once and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
