/**
 * The dev broker as a bench target: broker-process.ts in a Node child process, which
 * reports its CPU and event-loop time and can CPU-profile itself over IPC.
 */
import { startBrokerChild } from './broker-child';
import { type BrokerTarget } from './broker-target';
import { nodeLoadSample } from './process-load';

export async function startDevBrokerTarget(): Promise<BrokerTarget> {
  const child = await startBrokerChild();
  const { address, host, port, pid } = child.ready;
  return {
    kind: 'dev',
    name: 'dev broker',
    host,
    port,
    address,
    pid,
    usage: async () => nodeLoadSample(await child.usage()),
    profiler: { start: () => child.startProfile(), stop: (file) => child.stopProfile(file) },
    stop: () => child.stop(),
  };
}
