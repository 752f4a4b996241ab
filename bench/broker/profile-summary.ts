/**
 * Top self-time functions of a V8 `.cpuprofile` (as written by `node --cpu-prof`).
 * Used by run.ts after a `--cpu-prof` run; also runnable on its own:
 *
 *   npx tsx bench/broker/profile-summary.ts tmp/bench/profiles/<file>.cpuprofile [top]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface HotSpot {
  readonly function: string;
  readonly location: string;
  readonly selfMs: number;
  readonly selfPercent: number;
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v['nodes']) && Array.isArray(v['samples']) && Array.isArray(v['timeDeltas']);
}

function shortLocation(frame: CallFrame, root: string): string {
  if (!frame.url) return '(native)';
  let file = frame.url.startsWith('file://') ? decodeURIComponent(new URL(frame.url).pathname) : frame.url;
  if (path.isAbsolute(file)) file = path.relative(root, file);
  return `${file}:${frame.lineNumber + 1}`;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  readonly idleMs: number;
  /** Sampled time the thread was not idle; `selfPercent` is a share of this. */
  readonly busyMs: number;
  readonly spots: HotSpot[];
}

/** Self time per function (summed over call sites), largest first, as shares of the busy (non-idle) time. GC is its own row. */
export function topSelfTime(file: string, top: number, root: string): ProfileSummary {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 cpuprofile`);
  const byId = new Map(parsed.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < parsed.samples.length; i++) {
    const id = parsed.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (parsed.timeDeltas[i] ?? 0));
  }
  const totals = new Map<string, { fn: string; location: string; us: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const fn = node.callFrame.functionName || '(anonymous)';
    const location = shortLocation(node.callFrame, root);
    const key = `${fn}@${location}`;
    const entry = totals.get(key) ?? { fn, location, us: 0 };
    entry.us += us;
    totals.set(key, entry);
  }
  const idleUs = [...totals.values()].filter((e) => e.fn === '(idle)').reduce((sum, e) => sum + e.us, 0);
  const busyUs = totalUs - idleUs;
  const spots = [...totals.values()]
    .filter((e) => e.fn !== '(idle)')
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ function: e.fn, location: e.location, selfMs: Math.round(e.us / 100) / 10, selfPercent: Math.round((1000 * e.us) / Math.max(1, busyUs)) / 10 }));
  return { sampledMs: Math.round(totalUs / 1000), idleMs: Math.round(idleUs / 1000), busyMs: Math.round(busyUs / 1000), spots };
}

export function formatHotSpots(spots: readonly HotSpot[]): string {
  return spots.map((s) => `${s.selfPercent.toFixed(1).padStart(5)}%  ${s.selfMs.toFixed(1).padStart(8)} ms  ${s.function}  ${s.location}`).join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const summary = topSelfTime(file, Number(top ?? 25), process.cwd());
  console.log(`${summary.sampledMs} ms sampled, ${summary.idleMs} ms idle, ${summary.busyMs} ms busy (shares below are of busy time)\n${formatHotSpots(summary.spots)}`);
}
