/**
 * `npm run chaos`: faults in turn under continuous shopper load, on the dev broker and on Apache
 * Kafka, then checks that nothing accepted was lost or applied twice and that no decision is
 * wrong, prints the table and exits 1 on any problem or when the time bound is exceeded.
 * See docs/chaos.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestKafkaKind } from '@touchpoint/kafka-testing';
import { parseJourneyDefinitions } from '@touchpoint/journey-model';
import { simulateShoppers, type Simulation } from '@touchpoint/shopper-simulator';
import { workspaceRoot } from '@touchpoint/system-harness';
import { assess } from './checks';
import { type ChaosSystem, startChaosSystem } from './chaos-system';
import { faultPlan } from './faults';
import { ShopperLoad } from './load';
import { backlog, kafkaOf, observe } from './observe';
import { committedOffsets, resumedFromCommitted } from './offsets';
import { type ChaosOptions, parseChaosOptions } from './options';
import { checkDeadLetters, injectPoison } from './poison';
import { markerThrough } from './recovery';
import { formatTable, type ResultRow, rowPassed } from './report';

const WRITE_KEY = 'tp_demo_write_key';
/** The demo's till key where ingest has one, else the site's key. */
const STORE_WRITE_KEYS = ['tp_demo_pos_write_key', WRITE_KEY];
const startedAt = Date.now();
const stamp = (): string => `${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)} s`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface BrokerOutcome {
  readonly rows: ResultRow[];
  readonly problems: string[];
}

interface Sizing {
  /** Simulations sent one after the other, each of `shoppersEach` shoppers. */
  readonly simulations: number;
  readonly shoppersEach: number;
  readonly ratePerSecond: number;
  readonly warmUpMs: number;
  readonly settleMs: number;
  readonly recoveryTimeoutMs: number;
}

const sizing = (short: boolean): Sizing =>
  short
    ? { simulations: 16, shoppersEach: 40, ratePerSecond: 10, warmUpMs: 12_000, settleMs: 2_000, recoveryTimeoutMs: 150_000 }
    : { simulations: 50, shoppersEach: 60, ratePerSecond: 20, warmUpMs: 30_000, settleMs: 10_000, recoveryTimeoutMs: 240_000 };

/**
 * The load: small simulations one after the other (fresh shoppers each, the same catalog), so
 * that whatever part of it a run gets through holds whole shopper lives, late identity links and
 * returns included, rather than the first days of one big simulation.
 */
function simulation(options: ChaosOptions, size: Sizing, kind: TestKafkaKind): Simulation {
  // Fresh ids per broker (the seeds differ), the same load for the same options.
  const base = options.seed * 1_000 + (kind === 'dev-broker' ? 0 : 500);
  const end = Date.now() - 60_000;
  const parts = Array.from({ length: size.simulations }, (_, i) => simulateShoppers({ seed: base + i, shoppers: size.shoppersEach, days: 7, end }));
  const first = parts[0] as Simulation;
  return {
    catalog: first.catalog,
    shoppers: parts.flatMap((part) => part.shoppers),
    events: parts.flatMap((part) => part.events),
    purchases: parts.flatMap((part) => part.purchases),
  };
}

async function quiesce(chaos: ChaosSystem, timeoutMs: number): Promise<void> {
  const kafka = kafkaOf(chaos.kafka.brokers);
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  for (;;) {
    const state = await backlog(kafka, chaos.directDatabaseUrl).catch((error: unknown) => ({ lag: -1, outbox: -1, groups: 0, error }));
    calm = state.lag === 0 && state.outbox === 0 ? calm + 1 : 0;
    if (calm >= 3) return;
    if (Date.now() > deadline) throw new Error(`the system did not quiesce within ${timeoutMs} ms (lag ${state.lag}, unpublished ${state.outbox})`);
    await sleep(2_000);
  }
}

async function runOnBroker(kind: TestKafkaKind, options: ChaosOptions, register: (stop: () => Promise<void>) => void): Promise<BrokerOutcome> {
  const size = sizing(options.short);
  const sim = simulation(options, size, kind);
  const log = (line: string): void => console.log(`${stamp()}  [${kind}] ${line}`);
  const chaos = await startChaosSystem(kind, sim.catalog, log);
  register(() => chaos.stop());
  const kafka = kafkaOf(chaos.kafka.brokers);
  let phase = 'warm-up';
  const load = new ShopperLoad({
    ingestUrl: chaos.system.urls.ingest,
    writeKey: WRITE_KEY,
    storeWriteKeys: STORE_WRITE_KEYS,
    events: sim.events,
    concurrency: 8,
    ratePerSecond: size.ratePerSecond,
    resendShare: 0.02,
    phase: () => phase,
    giveUpMs: 180_000,
  });
  const marker = (sim.catalog[0] as { productId: string }).productId;
  const faults = faultPlan(options.short);
  const rows: ResultRow[] = [];
  const notes = new Map<string, string[]>();
  const recovery = new Map<string, number | null>();
  try {
    log(`load: ${sim.events.length} simulated calls available, ${size.ratePerSecond}/s`);
    load.start();
    await sleep(size.warmUpMs / 2);
    const poison = await injectPoison(kafka);
    log(`injected ${poison.filter((p) => p.onTopic).length} poison messages (${poison.filter((p) => !p.onTopic).length} refused by the broker as too large)`);
    await sleep(size.warmUpMs / 2);

    for (const fault of faults) {
      phase = fault.name;
      log(`fault: ${fault.name}`);
      const before = fault.killedService ? await committedOffsets(kafka, fault.killedService) : null;
      const from = await fault.run(chaos, sleep);
      const recoveredAt = await markerThrough(load, marker, chaos.directDatabaseUrl, size.recoveryTimeoutMs);
      recovery.set(fault.name, recoveredAt === null ? null : recoveredAt - from);
      log(recoveredAt === null ? 'no recovery' : `recovered in ${((recoveredAt - from) / 1000).toFixed(1)} s`);
      if (recoveredAt === null) log(`the services' last warnings:\n${chaos.system.serviceWarnings(15)}`);
      if (fault.killedService && before) {
        const service = fault.killedService;
        const violations = await resumedFromCommitted(kafka, chaos.system.urls[service], before);
        if ([...before.values()].every((offset) => offset === 0)) log(`note: ${service} had committed nothing before the kill`);
        notes.set(fault.name, violations);
        for (const violation of violations) log(`offsets: ${violation}`);
      }
      await sleep(size.settleMs);
      if (load.exhausted()) log('note: the simulation ran out of calls');
    }
    phase = 'cool-down';
    await sleep(size.settleMs);
    await load.stop();
    log('load stopped; waiting for lag 0 and empty outboxes');
    await quiesce(chaos, 300_000);

    log('reading the topics and the state of record back');
    const definitions = parseJourneyDefinitions(JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'config', 'journey-definitions.v1.json'), 'utf8')), 'config/journey-definitions.v1.json');
    const observed = await observe(kafka, chaos.directDatabaseUrl);
    const phaseNames = ['warm-up', ...faults.map((f) => f.name), 'cool-down'];
    const assessment = assess([...load.sent.values()], phaseNames, observed, definitions);
    // What the checks covered, so an empty run cannot pass unnoticed.
    const extraCopies = [...observed.rawCopies.values()].reduce((sum, copies) => sum + copies - 1, 0);
    const retargeting = observed.recommendations.filter((m) => m.type === 'retargeting.started' || m.type === 'retargeting.stopped');
    log(
      `checked: ${observed.profiles.filter((p) => p.retiredInto === null).length} live profiles against the fold, ${observed.profiles.filter((p) => p.retiredInto !== null).length} merged away, ` +
        `${observed.merges.length} merges, ${extraCopies} extra copies on the raw topic, ${retargeting.length} retargeting messages ` +
        `(${retargeting.filter((m) => m.type === 'retargeting.stopped' && m.reason.startsWith('purchased')).length} stopped by a purchase)`,
    );
    const letters = await checkDeadLetters(kafka, poison);
    log(`dead letters: ${letters.deadLetters}, unexpected ${letters.unexpected.length}, poison not dead-lettered ${letters.missing.length}`);
    const problems = [
      ...assessment.problems,
      ...letters.unexpected.map((l) => `unexpected dead letter: ${l}`),
      ...letters.missing.map((l) => `poison not dead-lettered: ${l}`),
    ];
    const refusedForGood = [...load.sent.values()].filter((m) => m.acceptedAt === null);
    if (refusedForGood.length > 0) log(`note: ${refusedForGood.length} calls never accepted (last answer e.g. ${refusedForGood[0]?.lastRefusal})`);
    for (const result of assessment.phases) {
      const isFault = faults.some((f) => f.name === result.phase);
      rows.push({ ...result, broker: kind, isFault, recoveryMs: recovery.get(result.phase) ?? null, notes: notes.get(result.phase) ?? [] });
    }
    // Dead-letter problems belong to the run as a whole: charged to the warm-up, when the poison went in.
    const warmUp = rows.find((row) => row.phase === 'warm-up');
    if (warmUp && (letters.unexpected.length > 0 || letters.missing.length > 0)) warmUp.notes.push('dead letters');
    return { rows, problems };
  } finally {
    await load.stop();
    // The services' output, for when a row fails: kept under tmp/, which git ignores.
    const logFile = path.join(workspaceRoot(), 'tmp', 'chaos', `${kind}-services.log`);
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, `${chaos.system.lines.join('\n')}\n`);
    log(`service output: ${path.relative(workspaceRoot(), logFile)}`);
    await chaos.stop();
  }
}

async function main(): Promise<number> {
  const options = parseChaosOptions(process.argv.slice(2));
  /** What each broker's run still has to release (its system registers itself once started). */
  const cleanups = new Map<TestKafkaKind, () => Promise<void>>();
  let interrupted = false;
  const release = async (kind: TestKafkaKind): Promise<void> => {
    const stop = cleanups.get(kind);
    cleanups.delete(kind);
    await stop?.().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  };
  const releaseAll = (): Promise<unknown> => Promise.all([...cleanups.keys()].map(release));
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('interrupted: cleaning up');
    void releaseAll().finally(() => process.exit(130));
  });
  // Whatever escapes (a client's error event nobody listens to) still takes the brokers, servers and database down with the run.
  process.once('uncaughtException', (error) => {
    console.error(`chaos: ${error.stack ?? error.message}`);
    void releaseAll().finally(() => process.exit(1));
  });
  const deadline = new Promise<'deadline'>((resolve) => setTimeout(() => resolve('deadline'), options.deadlineMs).unref());
  const runOne = async (kind: TestKafkaKind): Promise<BrokerOutcome & { failed: boolean }> => {
    const outcome = await Promise.race([runOnBroker(kind, options, (stop) => void cleanups.set(kind, stop)), deadline]).catch((error: unknown) => {
      console.error(`${kind}: the run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 'error' as const;
    });
    if (outcome !== 'deadline' && outcome !== 'error') {
      cleanups.delete(kind);
      return { ...outcome, failed: false };
    }
    await release(kind);
    return {
      failed: true,
      problems: [outcome === 'deadline' ? `${kind}: the time bound of ${options.deadlineMs / 60_000} min was exceeded` : `${kind}: the run could not complete`],
      rows: [{ broker: kind, phase: outcome === 'deadline' ? 'time bound exceeded' : 'run failed', sent: 0, accepted: 0, lost: 0, duplicated: 0, wrong: 0, isFault: true, recoveryMs: null, notes: [outcome] }],
    };
  };
  const outcomes: (BrokerOutcome & { failed: boolean })[] = [];
  if (options.parallel) outcomes.push(...(await Promise.all(options.brokers.map(runOne))));
  else for (const kind of options.brokers) {
    outcomes.push(await runOne(kind));
    if (outcomes.at(-1)?.problems.some((p) => p.includes('time bound'))) break;
  }
  if (interrupted) return 130;
  const rows = outcomes.flatMap((o) => o.rows);
  const problems = outcomes.flatMap((o) => o.problems);
  const failed = outcomes.some((o) => o.failed);
  console.log(`\n${formatTable(rows)}\n`);
  for (const problem of problems.slice(0, 40)) console.log(`  ${problem}`);
  if (problems.length > 40) console.log(`  ... and ${problems.length - 40} more`);
  const faultRows = rows.filter((row) => row.isFault);
  const passed = faultRows.filter(rowPassed).length;
  const allPassed = !failed && problems.length === 0 && rows.every(rowPassed);
  if (options.jsonOut) {
    fs.mkdirSync(path.dirname(options.jsonOut), { recursive: true });
    fs.writeFileSync(options.jsonOut, `${JSON.stringify({ project: 'chaos', kind: 'chaos', passed, failed: faultRows.length - passed + (allPassed || passed < faultRows.length ? 0 : 1), failedSuites: 0 })}\n`);
  }
  console.log(`chaos: ${allPassed ? 'passed' : 'FAILED'} in ${((Date.now() - startedAt) / 60_000).toFixed(1)} min`);
  return allPassed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
