/**
 * Journey reducer benchmark: the pure model alone (no Kafka, Postgres or Redis). Builds
 * profiles with realistic event mixes (visits of page views, product views and carts, online
 * and store orders, partial and whole returns, consent, reviews, timer ticks), then measures
 *   - apply:       applyEntry over each profile's log in sorted order (the hot path's fold step)
 *   - refold:      foldJourney of each profile's log in arrival order (de-duplicate, sort, apply)
 *   - derive+diff: deriveJourney and diffViews after every entry, handed the previous state and
 *                  view (and once more without them)
 *   - hot path:    applyEntry + deriveJourney + diffViews per entry, as the service runs them
 * as entries per CPU second of this process (median of the runs, after a warm-up), and the heap in use.
 *
 *   npx tsx --tsconfig bench/tsconfig.json bench/journey/reducer.ts
 *   npx tsx --tsconfig bench/tsconfig.json bench/journey/reducer.ts --profiles=500 --events=200 --runs=3
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SegmentMessage } from '@touchpoint/contracts';
import {
  applyEntry,
  deriveJourney,
  diffViews,
  emptyJourneyState,
  eventEntry,
  foldJourney,
  type JourneyDefinitions,
  type JourneyEntry,
  type JourneyState,
  parseJourneyDefinitions,
  type PreviousDerivation,
  tickEntry,
} from '@touchpoint/journey-model';
import { SeededRandom } from '@touchpoint/shopper-simulator';
import { intSetting } from '../shared/settings';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** applyEntry + deriveJourney + diffViews together, on one core. */
export const TARGET_HOT_PATH_EVENTS_PER_SEC = 200_000;

export interface ReducerBenchOptions {
  readonly profiles?: number;
  readonly eventsPerProfile?: number;
  /** Measured runs per phase; the median is reported. */
  readonly runs?: number;
  readonly definitionsFile?: string;
  readonly seed?: number;
}

export interface ReducerBenchFigures {
  readonly profiles: number;
  readonly entries: number;
  readonly runs: number;
  /** Entries per CPU second, median of the runs. */
  readonly applyPerSec: number;
  readonly refoldPerSec: number;
  /** deriveJourney handed the previous state and view, + diffViews. */
  readonly deriveDiffPerSec: number;
  /** deriveJourney without the previous derivation, + diffViews. */
  readonly deriveDiffAlonePerSec: number;
  readonly hotPathPerSec: number;
  readonly targetHotPathPerSec: number;
  /** Heap in use while every profile's final state is held (one batch of logs at a time is live). */
  readonly heapUsedBytes: number;
  /** Mean size of a final state as JSON (what jsonb and Redis store). */
  readonly meanStateJsonBytes: number;
}

const PRODUCTS = Array.from({ length: 40 }, (_, i) => `sku-${i}`);
const STORES = ['store-amsterdam-01', 'store-utrecht-02', 'store-antwerp-01'];
const START = Date.parse('2026-01-05T09:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

/** One profile's log in arrival order: visits every few days, orders now and then, returns, consent, a timer tick per visit. */
function profileLog(profile: number, events: number, next: () => number): JourneyEntry[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const profileId = `00000000-0000-4000-8000-${String(profile).padStart(12, '0')}`;
  const origin = { profileId, identifier: `anon-${profile}` };
  const favourites = Array.from({ length: 6 }, () => pick(PRODUCTS));
  const orders: { id: string; storeId: string | null; productId: string }[] = [];
  const entries: JourneyEntry[] = [];
  let at = START + Math.floor(next() * 30) * DAY;
  let n = 0;
  const emit = (fields: Record<string, unknown>, context: Record<string, unknown> = { channel: 'web', page: { path: '/' } }): void => {
    const timestamp = new Date(at).toISOString();
    const message = { type: 'track', messageId: `p${profile}-${n++}`, anonymousId: origin.identifier, properties: {}, timestamp, receivedAt: timestamp, context, ...fields } as SegmentMessage;
    entries.push(eventEntry(message, origin));
  };

  while (entries.length < events) {
    at += Math.floor(1 + next() * 6) * DAY + Math.floor(next() * 600) * MINUTE;
    const channel = next() < 0.3 ? 'app' : 'web';
    const consent = next() < 0.2 ? { consent: { categoryPreferences: { advertising: next() < 0.7, personalization: true } } } : {};
    emit({ type: 'page', name: 'Home' }, { channel, page: { path: '/' }, ...consent });
    const product = pick(favourites);
    for (let i = 0; i < 1 + Math.floor(next() * 4) && entries.length < events; i++) {
      at += Math.floor(next() * 5 + 1) * MINUTE;
      emit({ event: 'Product Viewed', properties: { product_id: pick(favourites), price: 49.95 } }, { channel, page: { path: `/p/${product}` } });
    }
    const roll = next();
    if (roll < 0.35) {
      at += 2 * MINUTE;
      emit({ event: 'Product Added', properties: { product_id: product, quantity: 1 + Math.floor(next() * 2) } }, { channel });
      if (next() < 0.5) {
        at += 3 * MINUTE;
        emit({ event: 'Order Completed', properties: { order_id: `o-${profile}-${n}`, currency: next() < 0.9 ? 'EUR' : 'USD', products: [{ product_id: product, quantity: 1, price: 20 + Math.floor(next() * 300) }] } }, { channel });
        orders.push({ id: `o-${profile}-${n - 1}`, storeId: null, productId: product });
      } else {
        // Left in the cart: the abandonment timer fires.
        entries.push(tickEntry(at + 60 * MINUTE));
      }
    } else if (roll < 0.5) {
      const storeId = pick(STORES);
      const id = `T${profile}-${n}`;
      emit({ event: 'Order Completed', properties: { order_id: id, total: 89.9, currency: 'EUR', products: [{ product_id: product, quantity: 2, price: 44.95 }] } }, { channel: 'store', storeId });
      orders.push({ id, storeId, productId: product });
    } else if (roll < 0.56 && orders.length > 0) {
      const order = pick(orders);
      const storeId = pick(STORES);
      emit(
        { event: 'Order Refunded', properties: { order_id: `R${profile}-${n}`, original_order_id: order.id, currency: 'EUR', products: [{ product_id: order.productId, quantity: 1, price: 44.95 }] } },
        { channel: 'store', storeId },
      );
    } else if (roll < 0.6) {
      emit({ event: 'Product Reviewed', properties: { product_id: product, rating: 1 + Math.floor(next() * 5) } }, { channel });
    }
  }
  entries.length = events;
  // Arrival order: mostly in time, a few late (a till's CSV, a retried request).
  for (let i = 0; i < entries.length; i++) {
    if (next() < 0.05) {
      const j = Math.min(entries.length - 1, i + 1 + Math.floor(next() * 10));
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
  }
  return entries;
}

const byTime = (a: JourneyEntry, b: JourneyEntry): number => a.at - b.at || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);

interface ProfileLog {
  readonly profileId: string;
  readonly arrival: readonly JourneyEntry[];
  readonly sorted: readonly JourneyEntry[];
}

/** Profiles are generated a batch at a time, as a service receives them, so the live heap holds one batch of logs and not the whole workload. */
const BATCH_PROFILES = 100;

function buildBatch(first: number, count: number, eventsPerProfile: number, seed: number): ProfileLog[] {
  // The simulator's seeded generator: the same workload on every run and machine.
  const generator = new SeededRandom(seed + first);
  const next = (): number => generator.next();
  return Array.from({ length: count }, (_, i) => {
    const profile = first + i;
    const arrival = profileLog(profile, eventsPerProfile, next);
    const firstEvent = arrival.find((entry) => entry.kind === 'event');
    return { profileId: firstEvent?.kind === 'event' ? firstEvent.origin.profileId : `profile-${profile}`, arrival, sorted: [...arrival].sort(byTime) };
  });
}

/**
 * CPU seconds of this process (user + system) spent in `run`: on a shared 2-core machine the
 * wall clock also counts other processes' turns, CPU time counts only this one's work (the
 * garbage collector's helper threads included).
 */
function timed(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Keeps results reachable so the optimiser cannot drop the work. */
let sink = 0;

function applySorted({ profileId, sorted }: ProfileLog, defs: JourneyDefinitions): JourneyState {
  let state = emptyJourneyState(profileId, defs);
  for (const entry of sorted) state = applyEntry(state, entry, defs);
  return state;
}

function statesAfterEach({ profileId, sorted }: ProfileLog, defs: JourneyDefinitions): JourneyState[] {
  let state = emptyJourneyState(profileId, defs);
  return sorted.map((entry) => (state = applyEntry(state, entry, defs)));
}

/** With `handOver`, each derivation gets the state and view before it, as the service has them. */
function deriveAndDiff(states: readonly JourneyState[], defs: JourneyDefinitions, handOver: boolean): void {
  let previous: PreviousDerivation | undefined;
  for (const state of states) {
    const view = deriveJourney(state, defs, handOver ? previous : undefined);
    if (diffViews(previous?.view ?? null, view) !== null) sink++;
    previous = { state, view };
  }
}

function hotPath({ profileId, sorted }: ProfileLog, defs: JourneyDefinitions): void {
  let state = emptyJourneyState(profileId, defs);
  let view = deriveJourney(state, defs);
  for (const entry of sorted) {
    const previous = { state, view };
    state = applyEntry(state, entry, defs);
    view = deriveJourney(state, defs, previous);
    if (diffViews(previous.view, view) !== null) sink++;
  }
}

interface RunSeconds {
  apply: number;
  refold: number;
  deriveDiff: number;
  deriveDiffAlone: number;
  hotPath: number;
}

/** One pass over every profile, batch by batch; only the phases themselves are timed. */
function runOnce(profiles: number, eventsPerProfile: number, seed: number, defs: JourneyDefinitions, keep?: JourneyState[]): RunSeconds {
  const seconds: RunSeconds = { apply: 0, refold: 0, deriveDiff: 0, deriveDiffAlone: 0, hotPath: 0 };
  for (let first = 0; first < profiles; first += BATCH_PROFILES) {
    const batch = buildBatch(first, Math.min(BATCH_PROFILES, profiles - first), eventsPerProfile, seed);
    seconds.hotPath += timed(() => {
      for (const log of batch) hotPath(log, defs);
    });
    seconds.apply += timed(() => {
      for (const log of batch) {
        const state = applySorted(log, defs);
        sink += state.eventCount;
        keep?.push(state);
      }
    });
    seconds.refold += timed(() => {
      for (const log of batch) sink += foldJourney(log.profileId, log.arrival, defs).eventCount;
    });
    // A few profiles' states at a time, so they are still in the CPU caches as they would be right after applyEntry.
    for (let start = 0; start < batch.length; start += 10) {
      const histories = batch.slice(start, start + 10).map((log) => statesAfterEach(log, defs));
      seconds.deriveDiff += timed(() => {
        for (const states of histories) deriveAndDiff(states, defs, true);
      });
      seconds.deriveDiffAlone += timed(() => {
        for (const states of histories) deriveAndDiff(states, defs, false);
      });
    }
  }
  return seconds;
}

export function runReducerBench(options: ReducerBenchOptions = {}): ReducerBenchFigures {
  const profiles = options.profiles ?? 2_000;
  const eventsPerProfile = options.eventsPerProfile ?? 100;
  const runs = options.runs ?? 5;
  const seed = options.seed ?? 20261201;
  const file = options.definitionsFile ?? path.join(REPO_ROOT, 'config', 'journey-definitions.v1.json');
  const defs = parseJourneyDefinitions(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);

  const finalStates: JourneyState[] = [];
  runOnce(profiles, eventsPerProfile, seed, defs, finalStates);
  const measured = Array.from({ length: runs }, () => runOnce(profiles, eventsPerProfile, seed, defs));
  // Every generated log holds exactly eventsPerProfile entries.
  const entries = profiles * eventsPerProfile;
  const perSec = (phase: keyof RunSeconds): number => Math.round(entries / median(measured.map((run) => run[phase])));

  const heapUsedBytes = process.memoryUsage().heapUsed;
  const meanStateJsonBytes = Math.round(finalStates.reduce((sum, state) => sum + JSON.stringify(state).length, 0) / finalStates.length);
  return {
    profiles,
    entries,
    runs,
    applyPerSec: perSec('apply'),
    refoldPerSec: perSec('refold'),
    deriveDiffPerSec: perSec('deriveDiff'),
    deriveDiffAlonePerSec: perSec('deriveDiffAlone'),
    hotPathPerSec: perSec('hotPath'),
    targetHotPathPerSec: TARGET_HOT_PATH_EVENTS_PER_SEC,
    heapUsedBytes,
    meanStateJsonBytes,
  };
}

export function formatReducerFigures(figures: ReducerBenchFigures): string {
  const rate = (value: number): string => `${value.toLocaleString('en-US').padStart(12)} entries/s`;
  const verdict = figures.hotPathPerSec >= figures.targetHotPathPerSec ? 'meets' : 'misses';
  return [
    `journey reducer: ${figures.profiles} profiles, ${figures.entries} entries, entries per CPU second, median of ${figures.runs} runs`,
    `  applyEntry (sorted)           ${rate(figures.applyPerSec)}`,
    `  foldJourney (refold)          ${rate(figures.refoldPerSec)}`,
    `  deriveJourney + diffViews     ${rate(figures.deriveDiffPerSec)}  (handed the previous derivation)`,
    `    without the previous one    ${rate(figures.deriveDiffAlonePerSec)}`,
    `  hot path (all three)          ${rate(figures.hotPathPerSec)}  (${verdict} the target of ${figures.targetHotPathPerSec.toLocaleString('en-US')})`,
    `  heap used                     ${(figures.heapUsedBytes / 1_048_576).toFixed(1).padStart(12)} MiB`,
    `  mean state as JSON            ${figures.meanStateJsonBytes.toLocaleString('en-US').padStart(12)} bytes`,
  ].join('\n');
}

if (require.main === module) {
  const figures = runReducerBench({
    profiles: intSetting('profiles', 'BENCH_PROFILES', 2_000, 1),
    eventsPerProfile: intSetting('events', 'BENCH_EVENTS_PER_PROFILE', 100, 1),
    runs: intSetting('runs', 'BENCH_RUNS', 5, 1),
  });
  console.log(formatReducerFigures(figures));
  if (sink < 0) console.log(sink);
}
