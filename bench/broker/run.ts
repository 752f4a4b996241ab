/**
 * Broker throughput benchmark: the same kafkajs produce/consume workload and raw produce
 * phase against the dev broker and against Apache Kafka, one after the other, each broker in
 * its own process; then both side by side with their ratio. See bench/README.md.
 *
 *   npm run bench:broker                                  # 200k messages, both brokers
 *   npm run bench:broker -- --brokers=dev                 # the dev broker alone
 *   npm run bench:broker -- --rounds=5                    # take turns 5 times, print medians
 *   npm run bench:broker -- --messages=50000 --concurrency=16
 *   npm run bench:broker -- --cpu-prof                    # CPU-profile the dev broker per phase
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApacheKafkaUnavailable, resolveApacheKafka } from '@touchpoint/kafka-testing';
import { startApacheKafkaTarget } from './apache-kafka-target';
import { readSettings, REPO_ROOT, type Settings } from './bench-settings';
import { printBrokerFigures } from './broker-table';
import { type BrokerKind, type BrokerTarget } from './broker-target';
import { printComparison, ratios } from './comparison-table';
import { startDevBrokerTarget } from './dev-broker-target';
import { medianFigures } from './median-figures';
import { type BrokerFigures, runWorkload } from './run-workload';
import { ACKS, MESSAGE_BYTES, MESSAGES_PER_BATCH, PARTITIONS } from './workload';

const startTarget: Record<BrokerKind, () => Promise<BrokerTarget>> = { dev: startDevBrokerTarget, apache: startApacheKafkaTarget };

/** The brokers that can run here: Apache Kafka is dropped, in one line, when Java or Maven are missing. */
async function availableBrokers(wanted: readonly BrokerKind[]): Promise<{ brokers: BrokerKind[]; apacheUnavailable: string | null }> {
  if (!wanted.includes('apache')) return { brokers: [...wanted], apacheUnavailable: null };
  try {
    await resolveApacheKafka();
    return { brokers: [...wanted], apacheUnavailable: null };
  } catch (error) {
    if (!(error instanceof ApacheKafkaUnavailable)) throw error;
    console.log(`Apache Kafka skipped: ${error.message.split('\n')[0]}`);
    return { brokers: wanted.filter((kind) => kind !== 'apache'), apacheUnavailable: error.message };
  }
}

/** Starts one broker, runs the workload against it and stops it again, also on Ctrl-C or SIGTERM. */
async function measureBroker(kind: BrokerKind, settings: Settings, roundLabel: string): Promise<BrokerFigures> {
  const broker = await startTarget[kind]();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping ${broker.name}\n`);
    void broker.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.log(`\n== ${broker.name}${roundLabel}, in process ${broker.pid}, listening on ${broker.address}`);
    const figures = await runWorkload(broker, settings);
    printBrokerFigures(figures, settings.mode);
    return figures;
  } finally {
    await broker.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  console.log(
    `config: ${settings.messages} messages of ${MESSAGE_BYTES} B in batches of ${MESSAGES_PER_BATCH}, ${PARTITIONS} partitions, acks=${ACKS}, no compression, ` +
      `producer.${settings.mode}, ${settings.concurrency} batches in flight, warm-up ${settings.warmupMessages} messages, ` +
      `brokers: ${settings.brokers.join(', ')}${settings.rounds > 1 ? `, ${settings.rounds} rounds` : ''}`,
  );
  const { brokers, apacheUnavailable } = await availableBrokers(settings.brokers);
  if (brokers.length === 0) {
    console.error('no broker left to measure');
    process.exitCode = 1;
    return;
  }

  // One after the other, never at once: each broker and the bench get a core of their own.
  // Over several rounds the brokers take turns, so both meet the same swings in machine load.
  const rounds: Record<BrokerKind, BrokerFigures[]> = { dev: [], apache: [] };
  for (let i = 1; i <= settings.rounds; i++) {
    for (const kind of brokers) rounds[kind].push(await measureBroker(kind, settings, settings.rounds > 1 ? `, round ${i} of ${settings.rounds}` : ''));
  }
  const runs: Partial<Record<BrokerKind, BrokerFigures>> = Object.fromEntries(brokers.map((kind) => [kind, medianFigures(rounds[kind])]));

  const comparison = runs.dev && runs.apache ? ratios(runs.dev, runs.apache, settings.mode) : null;
  if (runs.dev && runs.apache) {
    if (settings.rounds > 1) console.log(`\nmedians of ${settings.rounds} rounds, figure by figure:`);
    printComparison(runs.dev, runs.apache, settings.mode);
  }

  const report = {
    benchmark: 'broker: kafkajs produce and consume, and raw produce, on the dev broker and Apache Kafka',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.arch()}` },
    config: {
      brokers,
      rounds: settings.rounds,
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
      brokerInOwnProcess: true,
      cpuProfile: settings.cpuProf,
      mb: '1 MB = 1048576 bytes of message value',
    },
    apacheUnavailable,
    /** Each broker's figures; with several rounds, the median of each figure. */
    dev: runs.dev ?? null,
    apache: runs.apache ?? null,
    /** Every round's figures, when there were several. */
    rounds: settings.rounds > 1 ? Object.fromEntries(brokers.map((kind) => [kind, rounds[kind]])) : null,
    /** Apache Kafka / dev broker, per figure. */
    ratios: comparison,
  };
  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(REPO_ROOT, settings.out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
