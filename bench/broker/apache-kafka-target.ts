/**
 * Apache Kafka as a bench target: one KRaft node in its own JVM from @touchpoint/kafka-testing,
 * on a free port with a temporary data folder. Its load is the JVM's CPU time; a JVM has no
 * event loop and no in-process profiler the bench can drive.
 */
import { startApacheKafka } from '@touchpoint/kafka-testing';
import { type BrokerTarget } from './broker-target';
import { processCpuSeconds } from './proc-cpu-time';

/** Heap of the broker JVM: what Kafka's own kafka-server-start.sh gives it. */
const HEAP_MB = 1024;

export async function startApacheKafkaTarget(): Promise<BrokerTarget> {
  const kafka = await startApacheKafka({ heapMb: HEAP_MB });
  const pid = kafka.pid();
  if (pid === undefined) {
    await kafka.stop();
    throw new Error('Apache Kafka started without a JVM process id');
  }
  let stopped: Promise<void> | null = null;
  return {
    kind: 'apache',
    name: `Apache Kafka ${kafka.version}`,
    host: kafka.host,
    port: kafka.port,
    address: kafka.address,
    pid,
    usage: () => Promise.resolve({ cpuSeconds: processCpuSeconds(pid), eventLoop: null }),
    profiler: null,
    stop: () => (stopped ??= kafka.stop()),
  };
}
