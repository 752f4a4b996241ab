/**
 * Identity resolution benchmark: the real resolver (ResolveIdentityHandler: extract, resolve in
 * Postgres, update the Redis cache, validate the outputs) run directly, not through Kafka, over
 * a graph seeded with 1M identifiers. See bench/README.md.
 *
 *   npm run bench:identity
 *   npm run bench:identity -- --identifiers=200000 --events=10000 --concurrency=8
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadServiceConfig, processEnv, type ServiceConfig } from '@touchpoint/config';
import { type SegmentMessage, segmentMessageSchema, type TopicDefinition } from '@touchpoint/contracts';
import { EventPublisher, KafkaClient, type KafkaModuleOptions, type OutgoingEvent } from '@touchpoint/kafka';
import { RedisModule } from '@touchpoint/redis';
import { readStoreRegistryFile } from '@touchpoint/store-registry';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { RecordMetadata } from 'kafkajs';
import type { z } from 'zod';
import { argValue, intSetting } from '../shared/settings';
import { identifierReaderFor } from '../../apps/identity/src/app/identifier-reader.factory';
import { MergeCounters } from '../../apps/identity/src/metrics/merge-counters';
import { IdentityPersistenceModule } from '../../apps/identity/src/persistence/identity-persistence.module';
import { runMigrations } from '../../apps/identity/src/persistence/run-migrations';
import { ResolveIdentityCommand } from '../../apps/identity/src/resolve-identity/resolve-identity.command';
import { ResolveIdentityHandler } from '../../apps/identity/src/resolve-identity/resolve-identity.handler';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TARGET_WARM_EVENTS_PER_SEC = 5_000;

const settings = {
  /** Identifiers seeded: half anonymousIds, half loyaltyIds, two per profile. */
  identifiers: intSetting('identifiers', 'BENCH_IDENTIFIERS', 1_000_000, 1),
  events: intSetting('events', 'BENCH_EVENTS', 20_000, 1),
  concurrency: intSetting('concurrency', 'BENCH_CONCURRENCY', 16, 1),
  /** Profiles the warm phase cycles through. */
  hotSet: intSetting('hot-set', 'BENCH_HOT_SET', 2_000, 1),
  out: argValue('out') ?? process.env['BENCH_OUT'] ?? 'tmp/bench/identity.json',
};

/** Checks the outputs against their topic schemas, as the real publisher does, and drops them. */
class DiscardingPublisher extends EventPublisher {
  published = 0;
  override async publish<S extends z.ZodType>(topic: TopicDefinition<S>, events: readonly OutgoingEvent<z.output<S>>[]): Promise<RecordMetadata[]> {
    for (const event of events) topic.schema.parse(event.value);
    this.published += events.length;
    return [];
  }
}

const kafkaOptions: KafkaModuleOptions = { brokers: ['127.0.0.1:1'], clientId: 'bench', source: 'touchpoint/bench', topicPartitions: 1 };

function benchModule(config: ServiceConfig, databaseUrl: string, keyPrefix: string) {
  @Module({
    imports: [RedisModule.forRoot({ url: config.redis.url, keyPrefix }), IdentityPersistenceModule.forRoot({ databaseUrl, identifierReader: identifierReaderFor(config) })],
    providers: [ResolveIdentityHandler, MergeCounters, { provide: EventPublisher, useValue: new DiscardingPublisher(new KafkaClient(kafkaOptions), kafkaOptions) }],
  })
  class IdentityBenchModule {}
  return IdentityBenchModule;
}

/** Stamped when built, one millisecond apart, as a live stream would be: last seen always advances. */
let clock = Date.now();
const track = (fields: Record<string, unknown>, n: number): SegmentMessage => {
  const at = new Date(clock++).toISOString();
  return segmentMessageSchema.parse({ type: 'track', event: 'Product Viewed', messageId: `bench-${n}-${randomBytes(6).toString('hex')}`, timestamp: at, receivedAt: at, properties: { product_id: 'jacket-1' }, ...fields });
};

/** A returning customer: the web id and the loyalty card of seeded profile i (both known, same profile). */
const STORE = 'store-amsterdam-01';
const known = (i: number, n: number) => track({ anonymousId: `a-${i}`, context: { channel: 'store', storeId: STORE, loyaltyId: `L-${i}` } }, n);

interface PhaseResult {
  readonly phase: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSec: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly eventLoopUtilization: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function phase(name: string, handler: ResolveIdentityHandler, events: readonly SegmentMessage[], concurrency: number): Promise<PhaseResult> {
  const latencies: number[] = new Array(events.length);
  let next = 0;
  const loop = monitorEventLoopDelay();
  loop.enable();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < events.length; index = next++) {
        const t0 = performance.now();
        await handler.execute(new ResolveIdentityCommand(events[index]));
        latencies[index] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    phase: name,
    events: events.length,
    seconds: round(seconds),
    eventsPerSec: Math.round(events.length / seconds),
    latencyMs: { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]) },
    eventLoopUtilization: round(performance.eventLoopUtilization(elu).utilization),
  };
}

/** 1M identifiers in two statements: set-based inserts from generate_series, not one round trip per row. */
/** Profile i's id: md5-derived, with the version and variant nibbles of a v4 UUID, so the contracts accept it. */
const PROFILE_ID = `overlay(overlay(md5('p' || i) placing '4' from 13) placing '8' from 17)::uuid`;

/** Cards as identity stores them: prefixed with the chain of the store the events come from. */
async function seed(databaseUrl: string, profiles: number, chainId: string): Promise<number> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const started = performance.now();
    await pg.query(`INSERT INTO profiles (id, created_at) SELECT ${PROFILE_ID}, now() - interval '30 days' FROM generate_series(1, $1) AS i`, [profiles]);
    await pg.query(
      `INSERT INTO identifiers (type, value, profile_id, first_seen_at, last_seen_at)
       SELECT t, CASE WHEN t = 'anonymousId' THEN 'a-' ELSE $2 || ':L-' END || i, ${PROFILE_ID}, now() - interval '30 days', now() - interval '1 day'
       FROM generate_series(1, $1) AS i, unnest(ARRAY['anonymousId', 'loyaltyId']) AS t`,
      [profiles, chainId],
    );
    await pg.query('ANALYZE profiles; ANALYZE identifiers');
    return (performance.now() - started) / 1000;
  } finally {
    await pg.end();
  }
}

/** Restarting Postgres is not ours to do; evicting is approximated by touching only rows no phase touched before. */
function distinctProfiles(count: number, profiles: number, taken: Set<number>): number[] {
  const picked: number[] = [];
  while (picked.length < count) {
    const i = 1 + Math.floor(Math.random() * profiles);
    if (taken.has(i)) continue;
    taken.add(i);
    picked.push(i);
  }
  return picked;
}

async function main(): Promise<void> {
  const config = loadServiceConfig('identity', processEnv());
  const base = new URL(config.database.url);
  const name = `tp_bench_identity_${randomBytes(4).toString('hex')}`;
  const databaseUrl = new URL(base);
  databaseUrl.pathname = `/${name}`;
  const keyPrefix = `tp-bench-identity-${randomBytes(4).toString('hex')}:`;
  const profiles = Math.ceil(settings.identifiers / 2);
  if (settings.events > profiles / 3) throw new Error('--events must be at most a sixth of --identifiers (cold and guarded events touch distinct profiles)');

  const drop = async () => {
    const admin = new URL(base);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end());
  };

  await runMigrations(databaseUrl.toString());
  const app = await NestFactory.createApplicationContext(benchModule(config, databaseUrl.toString(), keyPrefix), { logger: ['error'] });
  try {
    process.stdout.write(`seeding ${profiles * 2} identifiers on ${profiles} profiles...\n`);
    const seedSeconds = await seed(databaseUrl.toString(), profiles, readStoreRegistryFile(config.personalData.storeRegistryFile).chainOf(STORE));
    process.stdout.write(`seeded in ${seedSeconds.toFixed(1)} s\n`);
    const handler = app.get(ResolveIdentityHandler);

    const taken = new Set<number>();
    let n = 0;
    // JIT and pool warm-up on profiles no timed phase uses.
    await phase('warm-up', handler, distinctProfiles(1_000, profiles, taken).map((i) => known(i, n++)), settings.concurrency);

    // Cold: every event names a profile not touched since seeding, with no Redis entry.
    const coldIds = distinctProfiles(settings.events, profiles, taken);
    const cold = await phase('cold', handler, coldIds.map((i) => known(i, n++)), settings.concurrency);

    // Warm: the same customers again and again (a hot set resolved just before), Redis entries present.
    const hot = coldIds.slice(0, Math.min(settings.hotSet, coldIds.length));
    const warm = await phase('warm', handler, Array.from({ length: settings.events }, (_, k) => known(hot[k % hot.length], n++)), settings.concurrency);

    // New visitors: an unknown web id each, so a profile is created per event.
    const fresh = await phase('new-profiles', handler, Array.from({ length: settings.events }, () => track({ anonymousId: `new-${n}`, context: { channel: 'web' } }, n++)), settings.concurrency);

    // Guarded links: a returning customer's card with a userId new to it, so each event takes the
    // locking path through the sharing guards (pairing log, window count) and attaches the userId.
    const guardedIds = distinctProfiles(settings.events, profiles, taken);
    const guarded = await phase(
      'guarded-links',
      handler,
      guardedIds.map((i) => track({ userId: `u-${i}`, context: { channel: 'store', storeId: STORE, loyaltyId: `L-${i}` } }, n++)),
      settings.concurrency,
    );

    const results = [cold, warm, fresh, guarded];
    const summary = {
      benchmark: 'identity',
      at: new Date().toISOString(),
      node: process.version,
      settings: { ...settings, profiles, seededIdentifiers: profiles * 2 },
      // The sharing guards run as configured (IDENTITY_SHARED_*): they are part of every resolution.
      guards: config.identity.guards,
      seedSeconds: round(seedSeconds),
      phases: results,
      target: { warmEventsPerSec: TARGET_WARM_EVENTS_PER_SEC, met: warm.eventsPerSec >= TARGET_WARM_EVENTS_PER_SEC },
    };
    console.table(results.map((r) => ({ phase: r.phase, events: r.events, 'events/s': r.eventsPerSec, 'p50 ms': r.latencyMs.p50, 'p99 ms': r.latencyMs.p99, 'max ms': r.latencyMs.max, 'event loop': r.eventLoopUtilization })));
    process.stdout.write(`guards on: ${JSON.stringify(config.identity.guards)}\n`);
    process.stdout.write(`warm: ${warm.eventsPerSec} events/s (target ${TARGET_WARM_EVENTS_PER_SEC}: ${summary.target.met ? 'met' : 'NOT met'}), p99 ${warm.latencyMs.p99} ms\n`);
    const out = path.resolve(REPO_ROOT, settings.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`wrote ${path.relative(REPO_ROOT, out)}\n`);
  } finally {
    // A client without the prefix, so the keys KEYS returns can be deleted as they are.
    const raw = new Redis(config.redis.url);
    const keys = await raw.keys(`${keyPrefix}*`);
    for (let i = 0; i < keys.length; i += 1000) await raw.del(...keys.slice(i, i + 1000));
    await raw.quit();
    await app.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
