/**
 * Dev-broker throughput benchmark: a kafkajs producer and consumer against the dev broker,
 * which runs in its own child process. See bench/README.md.
 *
 *   npm run bench:broker                                  # 200k messages
 *   npm run bench:broker -- --messages=50000 --concurrency=16
 *   BENCH_MESSAGES=500000 npm run bench:broker
 *   npm run bench:broker -- --cpu-prof                    # CPU-profile the broker per phase
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompressionTypes, Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import { type BrokerChild, startBrokerChild } from './broker-child';
import { type UsageSample, usageSample } from './ipc';
import { formatHotSpots, type ProfileSummary, topSelfTime } from './profile-summary';
import { rawProduce } from './raw-produce';
import { argValue, intSetting } from '../shared/settings';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const MESSAGE_BYTES = 1024;
const MESSAGES_PER_BATCH = 100;
const PARTITIONS = 4;
const ACKS = -1;
const TARGET_PRODUCE_MSGS_PER_SEC = 100_000;
/** MB here is 2^20 bytes of message value (record framing and protocol overhead not counted). */
const MB = 1024 * 1024;

type ProduceMode = 'send' | 'sendBatch';

interface Settings {
  readonly messages: number;
  /** 100-message batches in flight at once. */
  readonly concurrency: number;
  readonly mode: ProduceMode;
  readonly warmupMessages: number;
  /** Also run the raw (pre-encoded, no kafkajs) produce phase that shows the broker's own ceiling. */
  readonly raw: boolean;
  readonly cpuProf: boolean;
  readonly out: string;
  readonly timeoutMs: number;
}

// ---------------------------------------------------------------------------------------
// Settings: --name=value arguments, else BENCH_* environment variables, else defaults.


function produceMode(raw: string): ProduceMode {
  if (raw === 'send' || raw === 'sendBatch') return raw;
  throw new Error(`--mode / BENCH_MODE must be send or sendBatch, got "${raw}"`);
}

function readSettings(): Settings {
  const env = (name: string): string => (process.env[name] ?? '').toLowerCase();
  return {
    messages: intSetting('messages', 'BENCH_MESSAGES', 200_000, 1),
    concurrency: intSetting('concurrency', 'BENCH_CONCURRENCY', 8, 1),
    mode: produceMode(argValue('mode') ?? process.env['BENCH_MODE'] ?? 'send'),
    warmupMessages: intSetting('warmup', 'BENCH_WARMUP', 10_000, 0),
    raw: !(process.argv.includes('--no-raw') || ['0', 'false', 'no'].includes(env('BENCH_RAW'))),
    cpuProf: process.argv.includes('--cpu-prof') || ['1', 'true', 'yes'].includes(env('BENCH_CPU_PROF')),
    out: path.resolve(REPO_ROOT, argValue('out') ?? process.env['BENCH_OUT'] ?? path.join('tmp', 'bench', 'broker.json')),
    timeoutMs: intSetting('timeout-ms', 'BENCH_TIMEOUT_MS', 300_000, 1_000),
  };
}

// ---------------------------------------------------------------------------------------
// Figures

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

interface LatencyFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles. */
function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return { p50: round(at(50), 2), p99: round(at(99), 2), max: round(sorted[sorted.length - 1] ?? Number.NaN, 2), mean: round(mean, 2) };
}

interface Throughput {
  readonly messages: number;
  readonly valueBytes: number;
  readonly seconds: number;
  readonly msgsPerSec: number;
  readonly mbPerSec: number;
}

function throughput(messages: number, valueBytes: number, seconds: number): Throughput {
  return { messages, valueBytes, seconds: round(seconds, 3), msgsPerSec: Math.round(messages / seconds), mbPerSec: round(valueBytes / MB / seconds, 1) };
}

interface ProcessLoad {
  /** CPU seconds per wall-clock second, all threads (1.0 = one core busy). */
  readonly cpu: number;
  /** Share of the time the main thread's event loop was busy (1.0 = saturated). */
  readonly eventLoop: number;
}

function processLoad(before: UsageSample, after: UsageSample, wallSeconds: number): ProcessLoad {
  const active = after.eventLoopActiveMs - before.eventLoopActiveMs;
  const idle = after.eventLoopIdleMs - before.eventLoopIdleMs;
  return { cpu: round((after.cpuSeconds - before.cpuSeconds) / wallSeconds, 2), eventLoop: round(active / Math.max(1e-9, active + idle), 2) };
}

interface Measured<T> {
  readonly result: T;
  readonly brokerLoad: ProcessLoad;
  readonly clientLoad: ProcessLoad;
  readonly brokerProfile: (ProfileSummary & { readonly file: string }) | null;
}

/** Runs `work`, sampling broker and client load around it and, with --cpu-prof, CPU-profiling the broker. */
async function measure<T>(phase: string, broker: BrokerChild, settings: Settings, work: () => Promise<T>): Promise<Measured<T>> {
  const profileFile = settings.cpuProf ? path.join(path.dirname(settings.out), 'profiles', `broker-${phase}.cpuprofile`) : null;
  if (profileFile) await broker.startProfile();
  const broker0 = await broker.usage();
  const client0 = usageSample();
  const started = performance.now();
  const result = await work();
  const wall = (performance.now() - started) / 1000;
  const client1 = usageSample();
  const broker1 = await broker.usage();
  let brokerProfile: Measured<T>['brokerProfile'] = null;
  if (profileFile) {
    await broker.stopProfile(profileFile);
    brokerProfile = { file: path.relative(REPO_ROOT, profileFile), ...topSelfTime(profileFile, 15, REPO_ROOT) };
  }
  return { result, brokerLoad: processLoad(broker0, broker1, wall), clientLoad: processLoad(client0, client1, wall), brokerProfile };
}

// ---------------------------------------------------------------------------------------
// kafkajs phases

function batchMessages(value: Buffer, partition: number, count: number): Message[] {
  return Array.from({ length: count }, () => ({ value, partition }));
}

interface ProduceResult {
  readonly seconds: number;
  /** One entry per producer call. */
  readonly latenciesMs: number[];
  readonly messagesPerCall: number;
}

/**
 * Sends `total` messages in batches of 100, each batch to one partition (round-robin), with
 * `concurrency` batches in flight. `send`: one producer.send per batch. `sendBatch`: one
 * producer.sendBatch per 4 batches (one per partition, so one Produce request carries all
 * four), with concurrency / 4 calls in flight.
 */
async function produce(kafka: Kafka, topic: string, total: number, concurrency: number, mode: ProduceMode, value: Buffer): Promise<ProduceResult> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const full = Array.from({ length: PARTITIONS }, (_, p) => batchMessages(value, p, MESSAGES_PER_BATCH));
    const batches = Math.ceil(total / MESSAGES_PER_BATCH);
    const batch = (i: number): Message[] => {
      const count = Math.min(MESSAGES_PER_BATCH, total - i * MESSAGES_PER_BATCH);
      return count === MESSAGES_PER_BATCH ? full[i % PARTITIONS] : batchMessages(value, i % PARTITIONS, count);
    };
    const batchesPerCall = mode === 'send' ? 1 : PARTITIONS;
    const calls = Math.ceil(batches / batchesPerCall);
    const latenciesMs = new Array<number>(calls);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let call = next++; call < calls; call = next++) {
        const first = call * batchesPerCall;
        const started = performance.now();
        if (mode === 'send') {
          await producer.send({ topic, acks: ACKS, compression: CompressionTypes.None, messages: batch(first) });
        } else {
          const messages: Message[] = [];
          for (let i = first; i < Math.min(batches, first + batchesPerCall); i++) messages.push(...batch(i));
          await producer.sendBatch({ acks: ACKS, compression: CompressionTypes.None, topicMessages: [{ topic, messages }] });
        }
        latenciesMs[call] = performance.now() - started;
      }
    };
    const workers = Math.min(calls, Math.max(1, Math.round(concurrency / batchesPerCall)));
    const started = performance.now();
    await Promise.all(Array.from({ length: workers }, worker));
    return { seconds: (performance.now() - started) / 1000, latenciesMs, messagesPerCall: batchesPerCall * MESSAGES_PER_BATCH };
  } finally {
    await producer.disconnect();
  }
}

interface ConsumeResult {
  readonly messages: number;
  readonly valueBytes: number;
  /** From the first batch handed to eachBatch to the batch that completed the count. */
  readonly seconds: number;
  /** From consumer.run() to the first batch: group join, offset lookup, first fetch. */
  readonly startupSeconds: number;
}

/** One consumer (eachBatch) reads the topic from the beginning until `total` messages have arrived. */
async function consume(kafka: Kafka, topic: string, groupId: string, total: number, timeoutMs: number): Promise<ConsumeResult> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    let valueBytes = 0;
    let firstAt = 0;
    let doneAt = 0;
    const runAt = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed only ${received} of ${total} messages within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            if (firstAt === 0) firstAt = performance.now();
            for (const message of batch.messages) valueBytes += message.value?.length ?? 0;
            received += batch.messages.length;
            if (received >= total && doneAt === 0) {
              doneAt = performance.now();
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    return { messages: received, valueBytes, seconds: (doneAt - firstAt) / 1000, startupSeconds: (firstAt - runAt) / 1000 };
  } finally {
    await consumer.disconnect();
  }
}

async function recordsInTopic(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

// ---------------------------------------------------------------------------------------

async function run(settings: Settings, broker: BrokerChild): Promise<void> {
  const { address, host, port } = broker.ready;
  const runId = `${Date.now().toString(36)}-${process.pid}`;
  const topics = { main: `bench-broker-${runId}`, warmup: `bench-broker-warmup-${runId}`, raw: `bench-broker-raw-${runId}` };
  const value = randomBytes(MESSAGE_BYTES);
  const kafka = new Kafka({ clientId: 'bench-broker', brokers: [address], logLevel: logLevel.NOTHING });

  console.log(`dev broker in child process ${broker.ready.pid}, listening on ${address}`);
  console.log(
    `config: ${settings.messages} messages of ${MESSAGE_BYTES} B in batches of ${MESSAGES_PER_BATCH}, ${PARTITIONS} partitions, acks=${ACKS}, no compression, ` +
      `producer.${settings.mode}, ${settings.concurrency} batches in flight, warm-up ${settings.warmupMessages} messages`,
  );

  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = [topics.main, ...(settings.warmupMessages > 0 ? [topics.warmup] : []), ...(settings.raw ? [topics.raw] : [])];
    await admin.createTopics({ waitForLeaders: true, topics: wanted.map((topic) => ({ topic, numPartitions: PARTITIONS })) });
  } finally {
    await admin.disconnect();
  }

  const rawOptions = { host, port, topic: topics.raw, partitions: PARTITIONS, perRequest: MESSAGES_PER_BATCH, inFlight: settings.concurrency, value, acks: ACKS };
  if (settings.warmupMessages > 0) {
    // Let both processes' JITs settle before anything is timed.
    await produce(kafka, topics.warmup, settings.warmupMessages, settings.concurrency, settings.mode, value);
    await consume(kafka, topics.warmup, `bench-warmup-${runId}`, settings.warmupMessages, settings.timeoutMs);
    if (settings.raw) await rawProduce({ ...rawOptions, total: settings.warmupMessages });
  }

  const produced = await measure('produce', broker, settings, () => produce(kafka, topics.main, settings.messages, settings.concurrency, settings.mode, value));
  const stored = await recordsInTopic(kafka, topics.main);
  if (stored !== settings.messages) throw new Error(`topic holds ${stored} records after the produce phase, expected ${settings.messages}`);
  // Load and profile cover the whole consume call, group join included.
  const consumed = await measure('consume', broker, settings, () => consume(kafka, topics.main, `bench-consumer-${runId}`, settings.messages, settings.timeoutMs));
  const raw = settings.raw ? await measure('raw-produce', broker, settings, () => rawProduce({ ...rawOptions, total: settings.messages })) : null;

  const produceFigures = throughput(settings.messages, settings.messages * MESSAGE_BYTES, produced.result.seconds);
  const callLatency = latencyFigures(produced.result.latenciesMs);
  const consumeFigures = throughput(consumed.result.messages, consumed.result.valueBytes, consumed.result.seconds);
  const rawFigures = raw ? throughput(settings.messages, settings.messages * MESSAGE_BYTES, raw.result.seconds) : null;
  const rawLatency = raw ? latencyFigures(raw.result.latenciesMs) : null;

  const report = {
    benchmark: 'dev-broker: kafkajs produce and consume',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.arch()}` },
    config: {
      messages: settings.messages,
      messageBytes: MESSAGE_BYTES,
      messagesPerBatch: MESSAGES_PER_BATCH,
      partitions: PARTITIONS,
      acks: ACKS,
      compression: 'none',
      mode: settings.mode,
      batchesInFlight: settings.concurrency,
      warmupMessages: settings.warmupMessages,
      client: 'kafkajs 2.2.4',
      brokerInChildProcess: true,
      cpuProfile: settings.cpuProf,
      mb: '1 MB = 1048576 bytes of message value',
    },
    produce: {
      ...produceFigures,
      calls: produced.result.latenciesMs.length,
      messagesPerCall: produced.result.messagesPerCall,
      callLatencyMs: callLatency,
      brokerLoad: produced.brokerLoad,
      clientLoad: produced.clientLoad,
      brokerProfile: produced.brokerProfile,
    },
    consume: {
      ...consumeFigures,
      startupSeconds: round(consumed.result.startupSeconds, 3),
      brokerLoad: consumed.brokerLoad,
      clientLoad: consumed.clientLoad,
      brokerProfile: consumed.brokerProfile,
    },
    /** The same produce load from pre-encoded requests on a plain socket (no kafkajs): what the broker itself takes. */
    rawProduce:
      raw && rawFigures && rawLatency
        ? { ...rawFigures, requestLatencyMs: rawLatency, brokerLoad: raw.brokerLoad, clientLoad: raw.clientLoad, brokerProfile: raw.brokerProfile }
        : null,
    target: { produceMsgsPerSec: TARGET_PRODUCE_MSGS_PER_SEC, met: produceFigures.msgsPerSec >= TARGET_PRODUCE_MSGS_PER_SEC },
  };

  const n = (v: number): string => v.toLocaleString('en-US');
  const load = (l: ProcessLoad): string => `${l.cpu.toFixed(2)} / ${l.eventLoop.toFixed(2)}`;
  const row = (phase: string, t: Throughput, broker: ProcessLoad, client: ProcessLoad, notes: string): string =>
    `${phase.padEnd(11)} | ${n(t.messages).padStart(9)} | ${t.seconds.toFixed(3).padStart(7)} | ${n(t.msgsPerSec).padStart(9)} | ${t.mbPerSec.toFixed(1).padStart(6)} | ${load(broker).padStart(11)} | ${load(client).padStart(11)} | ${notes}`;
  console.log('');
  console.log('phase       |  messages | seconds |    msgs/s |   MB/s | broker load | client load | notes');
  console.log('------------+-----------+---------+-----------+--------+-------------+-------------+------------------------------');
  console.log(row('produce', produceFigures, produced.brokerLoad, produced.clientLoad, `per ${settings.mode} call: p50 ${callLatency.p50} ms, p99 ${callLatency.p99} ms, max ${callLatency.max} ms`));
  console.log(row('consume', consumeFigures, consumed.brokerLoad, consumed.clientLoad, `group join + first fetch ${consumed.result.startupSeconds.toFixed(3)} s (not timed)`));
  if (raw && rawFigures && rawLatency) {
    console.log(row('raw produce', rawFigures, raw.brokerLoad, raw.clientLoad, `pre-encoded, no kafkajs; per request p50 ${rawLatency.p50} ms, p99 ${rawLatency.p99} ms`));
  }
  console.log('load = CPU cores used (all threads) / main-thread event-loop utilization (1.00 = saturated)');
  console.log('');
  console.log(
    `produce: ${n(produceFigures.msgsPerSec)} msgs/s, ${produceFigures.mbPerSec} MB/s; latency per ${settings.mode} call p50 ${callLatency.p50} ms, p99 ${callLatency.p99} ms ` +
      `(acks=${ACKS}, ${produced.result.latenciesMs.length} calls of ${produced.result.messagesPerCall} x ${MESSAGE_BYTES} B)`,
  );
  console.log(`consume: ${n(consumeFigures.msgsPerSec)} msgs/s, ${consumeFigures.mbPerSec} MB/s`);
  if (rawFigures) console.log(`raw produce (broker ceiling, no kafkajs): ${n(rawFigures.msgsPerSec)} msgs/s, ${rawFigures.mbPerSec} MB/s`);
  console.log(`target: produce >= ${n(TARGET_PRODUCE_MSGS_PER_SEC)} msgs/s ${report.target.met ? 'met' : 'NOT met'}`);

  for (const [phase, profile] of [
    ['produce', produced.brokerProfile],
    ['consume', consumed.brokerProfile],
    ['raw produce', raw?.brokerProfile ?? null],
  ] as const) {
    if (!profile) continue;
    console.log(`\nbroker CPU profile, ${phase} phase (${profile.file}): ${profile.busyMs} ms busy, ${profile.idleMs} ms idle; self time as share of busy time:`);
    console.log(formatHotSpots(profile.spots.slice(0, 12)));
  }

  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(REPO_ROOT, settings.out)}`);
}

async function main(): Promise<void> {
  const settings = readSettings();
  const broker = await startBrokerChild();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping the broker child\n`);
    void broker.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run(settings, broker);
  } finally {
    await broker.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
