/**
 * How fast a store purchase stops retargeting while the system is busy: every service and the
 * dev broker as their own processes, background load from a process of its own over many
 * profiles, and probes fired during the load:
 *   - store purchase: a shopper whose online cart is retargeted buys the jacket at the till
 *     with her linked loyalty card; from ingest accepting the sale to `retargeting.stopped`;
 *   - late identify: a web cart is retargeted, the jacket is bought in store with a card the
 *     profile does not know yet, then an identify links the two; from ingest accepting the
 *     identify to `retargeting.stopped` of the web profile.
 * Each rate tried (highest first) runs its own load and probes; a rate whose consumer groups
 * end further behind than one second of load is reported as not sustained.
 *
 *   npm run bench:suppression
 *   npm run bench:suppression -- --rates=2000,1500,1000 --seconds=30 --profiles=10000 --probes=25
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RecommendationMessage, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { freePort, startDevBrokerProcess, workspaceRoot } from '@touchpoint/kafka-testing';
import { buyJacketInStore, DEFAULT_INGEST_WRITE_KEYS, IngestClient, JACKET, startTestSystem, TopicWatcher } from '@touchpoint/system-harness';
import { Kafka, logLevel } from 'kafkajs';
import { argValue, intSetting } from '../shared/settings';

const TARGET_P99_MS = 250;
const WRITE_KEY = DEFAULT_INGEST_WRITE_KEYS.segment;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
/** A probe whose stop did not come within the wait counts as missing, not as a latency. */
const summaryOf = (samples: readonly (number | null)[]) => {
  const sorted = samples.filter((s): s is number => s !== null).sort((a, b) => a - b);
  return { n: sorted.length, missing: samples.length - sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};
const STOP_WAIT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A probe ingest refused with 503 (Kafka slow to acknowledge under load) is sent again, as a client following Retry-After would. */
async function retried<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('answered 503')) throw error;
      await sleep(1_000);
    }
  }
}

interface StepFigures {
  readonly rate: number;
  readonly load: { sent: number; accepted: number; refused: number; failed: number; refusals: Record<string, number>; seconds: number };
  readonly lagAtEnd: number;
  readonly sustained: boolean;
  readonly storePurchase: ReturnType<typeof summaryOf>;
  readonly lateIdentify: ReturnType<typeof summaryOf>;
}

/** Messages not yet consumed, per consumer group of the services, over every topic each reads. */
async function lagByGroup(kafka: Kafka): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const lag: Record<string, number> = {};
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith('touchpoint-') && !g.groupId.startsWith('touchpoint-watcher'))) {
      lag[groupId] = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        for (const p of partitions) lag[groupId] += Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/** The lag of the groups on the path from a purchase to its stop (signals are counted beside it and may trail). */
async function servicesLag(kafka: Kafka): Promise<number> {
  const lag = await lagByGroup(kafka);
  return Object.entries(lag).filter(([group]) => !group.endsWith('-signals')).reduce((sum, [, n]) => sum + n, 0);
}

function runLoad(ingestUrl: string, rate: number, seconds: number, profiles: number): Promise<StepFigures['load']> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(workspaceRoot(), 'bench/suppression/load.ts'), ingestUrl, WRITE_KEY, String(rate), String(seconds), String(profiles)], {
      cwd: workspaceRoot(),
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as StepFigures['load']) : reject(new Error(`load exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const rates = (argValue('rates') ?? process.env['BENCH_RATES'] ?? '2000,1500,1000,500').split(',').map(Number);
  const seconds = intSetting('seconds', 'BENCH_SECONDS', 30, 5);
  const profiles = intSetting('profiles', 'BENCH_PROFILES', 10_000, 1);
  const probes = intSetting('probes', 'BENCH_PROBES', 25, 1);
  const log = (line: string) => process.stdout.write(`  ${line}\n`);

  const broker = await startDevBrokerProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'tp-bench-suppression-')), await freePort());
  const system = await startTestSystem({ label: 'bench_suppression', kafkaBrokers: [broker.address], logLevel: 'warn' });
  const kafka = new Kafka({ clientId: 'bench-suppression', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const watcher = new TopicWatcher([broker.address]);
  const results: StepFigures[] = [];
  try {
    await watcher.start([Topics.eventsResolved.name, Topics.recommendations.name]);
    const ingest = new IngestClient(system.urls.ingest);
    const resolved = (messageId: string) => watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (e) => e.event.messageId === messageId, 120_000, 'a resolution');
    const stopOf = (profileId: string) =>
      watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.type === 'retargeting.stopped' && m.profileId === profileId && m.productId === JACKET.product_id, STOP_WAIT_MS, 'retargeting.stopped');
    const started = (profileId: string) => watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, (m) => m.type === 'retargeting.started' && m.profileId === profileId, 120_000, 'retargeting.started');
    const sale = (loyaltyId: string) => retried(() => buyJacketInStore(ingest, { loyaltyId }, `T-${randomUUID()}`));

    for (const rate of rates) {
      log(`rate ${rate} events/s: seeding ${probes} store probes and ${probes} late-identify probes`);
      const run = randomUUID().slice(0, 8);
      const storeProbes: { profileId: string; loyaltyId: string }[] = [];
      const lateProbes: { profileId: string; anonymousId: string }[] = [];
      for (let i = 0; i < probes; i++) {
        const anonymousId = `probe-${run}-${i}`;
        const loyaltyId = `LOY-probe-${run}-${i}`;
        const profileId = (await resolved(await ingest.track({ anonymousId }, 'Product Added', JACKET))).value.profileId;
        await resolved(await ingest.identify({ anonymousId, userId: `user-${loyaltyId}` }, { loyaltyId }));
        storeProbes.push({ profileId, loyaltyId });
        const lateAnonymous = `late-${run}-${i}`;
        lateProbes.push({ anonymousId: lateAnonymous, profileId: (await resolved(await ingest.track({ anonymousId: lateAnonymous }, 'Product Added', JACKET))).value.profileId });
      }
      await Promise.all([...storeProbes, ...lateProbes].map((p) => started(p.profileId)));

      log(`rate ${rate} events/s: load for ${seconds} s over ${profiles} profiles, probes fired during it`);
      const load = runLoad(system.urls.ingest, rate, seconds, profiles);
      await sleep(2_000);
      const gap = ((seconds - 4) * 1_000) / probes;
      const storeLatencies: Promise<number | null>[] = [];
      const lateLatencies: Promise<number | null>[] = [];
      for (let i = 0; i < probes; i++) {
        const store = storeProbes[i];
        await sale(store.loyaltyId);
        const acceptedAt = Date.now();
        storeLatencies.push(stopOf(store.profileId).then((stop) => stop.receivedAt - acceptedAt, () => null));
        const late = lateProbes[i];
        const card = `LOY-late-${run}-${i}`;
        await sale(card);
        await sleep(gap / 4); // the sale is in before the identify links it
        await retried(() => ingest.identify({ anonymousId: late.anonymousId, userId: `user-${card}` }, { loyaltyId: card }));
        const identifiedAt = Date.now();
        lateLatencies.push(stopOf(late.profileId).then((stop) => stop.receivedAt - identifiedAt, () => null));
        await sleep((gap * 3) / 4);
      }
      const loadFigures = await load;
      const lagAtEnd = await servicesLag(kafka);
      log(`rate ${rate}: lag per group at the end ${JSON.stringify(await lagByGroup(kafka))}`);
      const storePurchase = summaryOf(await Promise.all(storeLatencies));
      const lateIdentify = summaryOf(await Promise.all(lateLatencies));
      const sustained = lagAtEnd <= rate && loadFigures.failed === 0 && storePurchase.missing === 0 && lateIdentify.missing === 0;
      const step: StepFigures = { rate, load: loadFigures, lagAtEnd, sustained, storePurchase, lateIdentify };
      results.push(step);
      log(`rate ${rate}: ${JSON.stringify(step)}`);
      // Let the backlog drain before the next rate.
      for (let i = 0; i < 300 && (await servicesLag(kafka)) > 0; i++) await sleep(1_000);
      if (step.sustained) break;
    }
    const metrics = await fetch(`${system.urls.recommendation}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
    const exported = metrics.split('\n').filter((line) => line.startsWith('touchpoint_suppression_latency_seconds_count') || line.startsWith('touchpoint_suppression_latency_seconds_sum'));

    process.stdout.write('\nstore purchase -> retargeting.stopped, and late identify -> retargeting.stopped, under background load (all services, dev broker):\n');
    process.stdout.write(`  ${'rate/s'.padEnd(7)} ${'sustained'.padEnd(10)} ${'lag at end'.padEnd(11)} ${'store p50/p99/max ms'.padEnd(22)} late identify p50/p99/max ms\n`);
    for (const r of results) {
      const fmt = (s: ReturnType<typeof summaryOf>) => `${s.p50}/${s.p99}/${s.max}${s.missing > 0 ? ` (${s.missing} missing)` : ''}`;
      process.stdout.write(`  ${String(r.rate).padEnd(7)} ${String(r.sustained).padEnd(10)} ${String(r.lagAtEnd).padEnd(11)} ${fmt(r.storePurchase).padEnd(22)} ${fmt(r.lateIdentify)}\n`);
    }
    const best = results.find((r) => r.sustained);
    process.stdout.write(
      best
        ? `  highest rate sustained: ${best.rate} events/s; store purchase p99 ${best.storePurchase.p99} ms (target p99 < ${TARGET_P99_MS} ms: ${best.storePurchase.p99 < TARGET_P99_MS ? 'met' : 'not met'})\n`
        : `  no rate tried was sustained without a growing backlog\n`,
    );
    process.stdout.write(exported.length ? `  recommendation /metrics: ${exported.join('; ')}\n` : '  recommendation /metrics: not exposed\n');
  } finally {
    await watcher.stop();
    await system.stop();
    broker.child.kill('SIGTERM');
    await broker.exited;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
