/**
 * One broker's figures as printed right after its run: a row per phase with both processes'
 * load, then the summary lines and, after a --cpu-prof run, the broker's hot spots.
 */
import { type ProduceMode } from './bench-settings';
import { type Throughput } from './figures';
import { formatLoad, type ProcessLoad } from './process-load';
import { formatHotSpots } from './profile-summary';
import { type BrokerFigures } from './run-workload';
import { ACKS, MESSAGE_BYTES } from './workload';

const n = (v: number): string => v.toLocaleString('en-US');

function row(phase: string, t: Throughput, broker: ProcessLoad, client: ProcessLoad, notes: string): string {
  return `${phase.padEnd(11)} | ${n(t.messages).padStart(9)} | ${t.seconds.toFixed(3).padStart(7)} | ${n(t.msgsPerSec).padStart(9)} | ${t.mbPerSec.toFixed(1).padStart(6)} | ${formatLoad(broker).padStart(11)} | ${formatLoad(client).padStart(11)} | ${notes}`;
}

export function printBrokerFigures(figures: BrokerFigures, mode: ProduceMode): void {
  const { produce, consume, rawProduce } = figures;
  const call = produce.callLatencyMs;
  console.log(`machine load average (1 min) when the run began: ${figures.broker.loadAverageAtStart}`);
  console.log('');
  console.log('phase       |  messages | seconds |    msgs/s |   MB/s | broker load | client load | notes');
  console.log('------------+-----------+---------+-----------+--------+-------------+-------------+------------------------------');
  console.log(row('produce', produce, produce.brokerLoad, produce.clientLoad, `per ${mode} call: p50 ${call.p50} ms, p99 ${call.p99} ms, max ${call.max} ms`));
  console.log(row('consume', consume, consume.brokerLoad, consume.clientLoad, `group join + first fetch ${consume.startupSeconds.toFixed(3)} s (not timed)`));
  if (rawProduce) {
    const request = rawProduce.requestLatencyMs;
    console.log(row('raw produce', rawProduce, rawProduce.brokerLoad, rawProduce.clientLoad, `pre-encoded, no kafkajs; per request p50 ${request.p50} ms, p99 ${request.p99} ms`));
  }
  console.log('load = CPU cores used (all threads) / main-thread event-loop utilization (1.00 = saturated; - = no event loop)');
  console.log('');
  console.log(
    `${figures.broker.name} produce: ${n(produce.msgsPerSec)} msgs/s, ${produce.mbPerSec} MB/s; latency per ${mode} call p50 ${call.p50} ms, p99 ${call.p99} ms ` +
      `(acks=${ACKS}, ${produce.calls} calls of ${produce.messagesPerCall} x ${MESSAGE_BYTES} B)`,
  );
  console.log(`${figures.broker.name} consume: ${n(consume.msgsPerSec)} msgs/s, ${consume.mbPerSec} MB/s`);
  if (rawProduce) console.log(`${figures.broker.name} raw produce (broker ceiling, no kafkajs): ${n(rawProduce.msgsPerSec)} msgs/s, ${rawProduce.mbPerSec} MB/s`);
  console.log(`${figures.broker.name} target: produce >= ${n(figures.target.produceMsgsPerSec)} msgs/s ${figures.target.met ? 'met' : 'NOT met'}`);

  for (const [phase, profile] of [
    ['produce', produce.brokerProfile],
    ['consume', consume.brokerProfile],
    ['raw produce', rawProduce?.brokerProfile ?? null],
  ] as const) {
    if (!profile) continue;
    console.log(`\nbroker CPU profile, ${phase} phase (${profile.file}): ${profile.busyMs} ms busy, ${profile.idleMs} ms idle; self time as share of busy time:`);
    console.log(formatHotSpots(profile.spots.slice(0, 12)));
  }
}
