/**
 * `npm run kafka:apache -- [--port 19092] [--data-dir DIR]`: one Apache Kafka node (KRaft,
 * broker and controller) from the version pinned in libs/kafka-testing/apache-kafka/pom.xml,
 * fetched from Maven Central on first use and cached under .cache/. Runs until Ctrl-C or
 * SIGTERM, and also ends when the process that started it dies.
 */
import { parseArgs } from 'node:util';
import { ApacheKafkaUnavailable, startApacheKafka } from '@touchpoint/kafka-testing';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '19092' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('usage: npm run kafka:apache -- [--port 19092] [--data-dir DIR]   (data is kept only with --data-dir)');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ApacheKafkaUnavailable(`--port must be a port number, got '${values.port}'`);
  console.log('starting Apache Kafka (the first run fetches it from Maven Central) ...');
  const kafka = await startApacheKafka({ port, dataDir: values['data-dir'] });
  console.log(`Apache Kafka ${kafka.version} ready on ${kafka.address} (data in ${kafka.dataDir}). Ctrl-C stops it.`);
  console.log(`Point Touchpoint at it: KAFKA_BROKERS=${kafka.address} npm run demo`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('stopping Apache Kafka ...');
  await kafka.stop();
}

main().catch((error: unknown) => {
  // A missing prerequisite is a message for a person, not a stack trace.
  console.error(error instanceof ApacheKafkaUnavailable ? `kafka:apache: ${error.message}` : error);
  process.exitCode = 1;
});
