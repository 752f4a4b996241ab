/**
 * `npm test`: every spec of every project against the embedded dev broker, then the
 * integration and system specs again against one Apache Kafka started for the whole run, so
 * "nothing depends on the dev broker's quirks" is tested, not hoped. Arguments are passed to
 * `nx run-many` (e.g. `-p journey`).
 *
 * Without Java 17 and Maven the Apache Kafka pass is skipped with one line saying so, except
 * in CI (CI=true), where a missing pass is a failure. `TOUCHPOINT_TEST_BROKERS=dev-broker` or
 * `=apache-kafka` runs one pass only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApacheKafkaUnavailable, startApacheKafka, TEST_KAFKA_BROKERS_VARIABLE, TEST_KAFKA_KIND_VARIABLE, type TestKafkaKind, workspaceRoot } from '@touchpoint/kafka-testing';
import { resultsDir, summarize } from './test-results';

const root = workspaceRoot();
const passthrough = process.argv.slice(2);
const onlyKind = process.env['TOUCHPOINT_TEST_BROKERS'] as TestKafkaKind | undefined;
const inCi = process.env['CI'] === 'true';

function nxTest(env: Record<string, string>): Promise<number> {
  // Cached results replay no reporter, and then the totals would silently miss a project.
  const args = ['nx', 'run-many', '-t', 'test', '--skip-nx-cache', ...passthrough.filter((arg) => arg !== '--skip-nx-cache')];
  return new Promise((resolve) => {
    const child = spawn('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

const minutes = (since: number): string => `${((Date.now() - since) / 60_000).toFixed(1)} min`;

function recordMissingPass(reason: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'apache-kafka-unavailable.json'), JSON.stringify({ project: 'apache-kafka run', kind: 'apache-kafka', passed: 0, failed: 1, failedSuites: 0, reason }));
}

async function apacheKafkaPass(stages: string[]): Promise<number> {
  const started = Date.now();
  let kafka;
  try {
    kafka = await startApacheKafka({ heapMb: 1024 });
  } catch (error) {
    const reason = error instanceof ApacheKafkaUnavailable ? error.message : `Apache Kafka did not start: ${error instanceof Error ? error.message : String(error)}`;
    if (inCi) {
      console.error(`[test] Apache Kafka run FAILED: ${reason}`);
      recordMissingPass(reason);
      return 1;
    }
    console.log(`[test] Apache Kafka run skipped: ${reason.split('\n')[0]} Install Java 17+ and Maven, then \`npm test\` runs it (or only it: TOUCHPOINT_TEST_BROKERS=apache-kafka npm test).`);
    return 0;
  }
  console.log(`[test] Apache Kafka ${kafka.version} on ${kafka.address} (started in ${minutes(started)})`);
  try {
    return await nxTest({ [TEST_KAFKA_KIND_VARIABLE]: 'apache-kafka', [TEST_KAFKA_BROKERS_VARIABLE]: kafka.brokers.join(',') });
  } finally {
    await kafka.stop();
    stages.push(`apache-kafka pass: ${minutes(started)}`);
  }
}

async function main(): Promise<void> {
  fs.rmSync(resultsDir, { recursive: true, force: true });
  const stages: string[] = [];
  let status = 0;
  if (onlyKind !== 'apache-kafka') {
    const started = Date.now();
    status |= await nxTest({ [TEST_KAFKA_KIND_VARIABLE]: 'dev-broker' });
    stages.push(`dev-broker pass: ${minutes(started)}`);
  }
  if (onlyKind !== 'dev-broker') status |= await apacheKafkaPass(stages);
  const summary = summarize();
  for (const stage of stages) console.log(`[test] ${stage}`);
  for (const line of summary.byKind) console.log(`[test] ${line}`);
  console.log(summary.total);
  process.exitCode = status !== 0 || !summary.ok ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
