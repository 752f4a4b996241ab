/**
 * The whole workload against one broker: topics, warm-up, then the timed produce, consume
 * and raw-produce phases, reduced to the figures the tables and the JSON show.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type Settings } from './bench-settings';
import { createTopics, recordsInTopic } from './bench-topics';
import { type BrokerTarget } from './broker-target';
import { type LatencyFigures, latencyFigures, round, type Throughput, throughput } from './figures';
import { consume } from './kafkajs-consume';
import { produce } from './kafkajs-produce';
import { type BrokerProfile, measure } from './measure-phase';
import { type ProcessLoad } from './process-load';
import { rawProduce } from './raw-produce';
import { ACKS, MESSAGE_BYTES, MESSAGES_PER_BATCH, PARTITIONS, TARGET_PRODUCE_MSGS_PER_SEC } from './workload';

interface PhaseLoad {
  readonly brokerLoad: ProcessLoad;
  readonly clientLoad: ProcessLoad;
  readonly brokerProfile: BrokerProfile | null;
}

export interface BrokerFigures {
  readonly broker: {
    readonly kind: BrokerTarget['kind'];
    readonly name: string;
    readonly address: string;
    readonly pid: number;
    /** The machine's 1-minute load average as the run began: how much else wanted the cores. */
    readonly loadAverageAtStart: number;
  };
  readonly produce: Throughput & PhaseLoad & { readonly calls: number; readonly messagesPerCall: number; readonly callLatencyMs: LatencyFigures };
  readonly consume: Throughput & PhaseLoad & { readonly startupSeconds: number };
  /** The same produce load from pre-encoded requests on a plain socket (no kafkajs): what the broker itself takes. */
  readonly rawProduce: (Throughput & PhaseLoad & { readonly requestLatencyMs: LatencyFigures }) | null;
  readonly target: { readonly produceMsgsPerSec: number; readonly met: boolean };
}

export async function runWorkload(broker: BrokerTarget, settings: Settings): Promise<BrokerFigures> {
  const loadAverageAtStart = round(os.loadavg()[0] ?? 0, 2);
  const runId = `${broker.kind}-${Date.now().toString(36)}-${process.pid}`;
  const topics = { main: `bench-broker-${runId}`, warmup: `bench-broker-warmup-${runId}`, raw: `bench-broker-raw-${runId}` };
  const value = randomBytes(MESSAGE_BYTES);
  const kafka = new Kafka({ clientId: 'bench-broker', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const profileDir = settings.cpuProf ? path.join(path.dirname(settings.out), 'profiles') : null;
  const total = settings.messages;

  await createTopics(kafka, [topics.main, ...(settings.warmupMessages > 0 ? [topics.warmup] : []), ...(settings.raw ? [topics.raw] : [])]);

  const rawOptions = { host: broker.host, port: broker.port, topic: topics.raw, partitions: PARTITIONS, perRequest: MESSAGES_PER_BATCH, inFlight: settings.concurrency, value, acks: ACKS };
  if (settings.warmupMessages > 0) {
    // Let the JITs of both processes settle before anything is timed.
    await produce(kafka, topics.warmup, settings.warmupMessages, settings.concurrency, settings.mode, value);
    await consume(kafka, topics.warmup, `bench-warmup-${runId}`, settings.warmupMessages, settings.timeoutMs);
    if (settings.raw) await rawProduce({ ...rawOptions, total: settings.warmupMessages });
  }

  const produced = await measure('produce', broker, profileDir, () => produce(kafka, topics.main, total, settings.concurrency, settings.mode, value));
  const stored = await recordsInTopic(kafka, topics.main);
  if (stored !== total) throw new Error(`${broker.name}: topic holds ${stored} records after the produce phase, expected ${total}`);
  // Load and profile cover the whole consume call, group join included.
  const consumed = await measure('consume', broker, profileDir, () => consume(kafka, topics.main, `bench-consumer-${runId}`, total, settings.timeoutMs));
  const raw = settings.raw ? await measure('raw-produce', broker, profileDir, () => rawProduce({ ...rawOptions, total })) : null;
  if (raw) {
    // The raw client only reads error codes; the count shows the broker stored what it acknowledged.
    const expected = total + (settings.warmupMessages > 0 ? settings.warmupMessages : 0);
    const rawStored = await recordsInTopic(kafka, topics.raw);
    if (rawStored !== expected) throw new Error(`${broker.name}: raw topic holds ${rawStored} records after the raw-produce phase, expected ${expected}`);
  }

  const loadOf = (m: PhaseLoad): PhaseLoad => ({ brokerLoad: m.brokerLoad, clientLoad: m.clientLoad, brokerProfile: m.brokerProfile });
  const produceFigures = throughput(total, total * MESSAGE_BYTES, produced.result.seconds);
  return {
    broker: { kind: broker.kind, name: broker.name, address: broker.address, pid: broker.pid, loadAverageAtStart },
    produce: {
      ...produceFigures,
      calls: produced.result.latenciesMs.length,
      messagesPerCall: produced.result.messagesPerCall,
      callLatencyMs: latencyFigures(produced.result.latenciesMs),
      ...loadOf(produced),
    },
    consume: {
      ...throughput(consumed.result.messages, consumed.result.valueBytes, consumed.result.seconds),
      startupSeconds: round(consumed.result.startupSeconds, 3),
      ...loadOf(consumed),
    },
    rawProduce: raw ? { ...throughput(total, total * MESSAGE_BYTES, raw.result.seconds), requestLatencyMs: latencyFigures(raw.result.latenciesMs), ...loadOf(raw) } : null,
    target: { produceMsgsPerSec: TARGET_PRODUCE_MSGS_PER_SEC, met: produceFigures.msgsPerSec >= TARGET_PRODUCE_MSGS_PER_SEC },
  };
}
