/**
 * CPU time of another process, all threads, from Linux's /proc/<pid>/stat: how the bench
 * measures a broker that cannot report its own usage (the JVM).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicksPerSecond: number | null = null;

/** USER_HZ, the unit of utime and stime; 100 on every common Linux, but asked rather than assumed. */
function ticksPerSecond(): number {
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!Number.isInteger(clockTicksPerSecond) || clockTicksPerSecond <= 0) throw new Error(`getconf CLK_TCK gave "${clockTicksPerSecond}"`);
  return clockTicksPerSecond;
}

/** utime + stime of `pid` in seconds, or null where there is no /proc (macOS). */
export function processCpuSeconds(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync('/proc/self/stat')) return null;
    throw error;
  }
  // Field 2 (the command name) is in parentheses and may hold spaces; fields after the last
  // ')' start at field 3 (state), so utime (field 14) and stime (15) are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unexpected /proc/${pid}/stat: ${stat.slice(0, 200)}`);
  return (utime + stime) / ticksPerSecond();
}
