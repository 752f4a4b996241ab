import type { ServiceName } from '@touchpoint/config';
import { type ServiceProcess, spawnEntry, waitUntilReady } from './service-process';

/**
 * Starts one more process of a service of a running system, with the environment the system
 * started its services with (so the same port: call it once the old process is gone), and waits
 * until it is ready. The caller owns the process and stops it.
 */
export async function respawnService(
  name: ServiceName,
  serviceEnv: Readonly<Record<string, string>>,
  url: string,
  onLine?: (service: string, line: string) => void,
  timeoutMs = 120_000,
): Promise<ServiceProcess> {
  const service = spawnEntry(name, `apps/${name}/src/main.ts`, { ...serviceEnv }, onLine);
  try {
    await waitUntilReady(service, `${url}/health/ready`, timeoutMs);
  } catch (error) {
    await service.stop('SIGKILL');
    throw error;
  }
  return service;
}

/** SIGKILL of a service process (no shutdown hook runs), resolved once it is gone. */
export async function killService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
  await service.exited;
}
