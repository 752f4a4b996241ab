/**
 * Runs one timed phase, sampling the broker's and the bench's own load around it and, when
 * asked and the broker can, CPU-profiling the broker meanwhile.
 */
import path from 'node:path';
import { REPO_ROOT } from './bench-settings';
import { type BrokerTarget } from './broker-target';
import { usageSample } from './ipc';
import { nodeLoadSample, type ProcessLoad, processLoad } from './process-load';
import { type ProfileSummary, topSelfTime } from './profile-summary';

export type BrokerProfile = ProfileSummary & { readonly file: string };

export interface Measured<T> {
  readonly result: T;
  readonly brokerLoad: ProcessLoad;
  readonly clientLoad: ProcessLoad;
  readonly brokerProfile: BrokerProfile | null;
}

/** With `profileDir`, a broker that has a profiler (the dev broker) is profiled into `<profileDir>/broker-<phase>.cpuprofile`. */
export async function measure<T>(phase: string, broker: BrokerTarget, profileDir: string | null, work: () => Promise<T>): Promise<Measured<T>> {
  const profiler = profileDir ? broker.profiler : null;
  const profileFile = profiler && profileDir ? path.join(profileDir, `broker-${phase}.cpuprofile`) : null;
  if (profiler) await profiler.start();
  const broker0 = await broker.usage();
  const client0 = nodeLoadSample(usageSample());
  const started = performance.now();
  const result = await work();
  const wall = (performance.now() - started) / 1000;
  const client1 = nodeLoadSample(usageSample());
  const broker1 = await broker.usage();
  let brokerProfile: BrokerProfile | null = null;
  if (profiler && profileFile) {
    await profiler.stop(profileFile);
    brokerProfile = { file: path.relative(REPO_ROOT, profileFile), ...topSelfTime(profileFile, 15, REPO_ROOT) };
  }
  return { result, brokerLoad: processLoad(broker0, broker1, wall), clientLoad: processLoad(client0, client1, wall), brokerProfile };
}
