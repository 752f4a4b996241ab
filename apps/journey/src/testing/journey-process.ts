import { freePort } from '@touchpoint/kafka-testing';
import { type ServiceProcess, spawnEntry, waitUntilReady } from '@touchpoint/system-harness';
import { journeyEnv, type JourneyOptions } from './journey-under-test';

export interface JourneyProcess {
  readonly url: string;
  readonly service: ServiceProcess;
  /** SIGKILL: no shutdown hook runs, open transactions and unsent batches are simply gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

/**
 * The journey service as its own OS process (main.ts, as `nx serve` runs it), so a spec can
 * kill it the way a node dies. The database must be migrated already (createJourneyDatabase).
 */
export async function spawnJourney(name: string, options: JourneyOptions): Promise<JourneyProcess> {
  const port = await freePort();
  const service = spawnEntry(name, 'apps/journey/src/main.ts', journeyEnv(options, port));
  const url = `http://127.0.0.1:${port}`;
  const kill = async (): Promise<void> => {
    await service.stop('SIGKILL');
  };
  try {
    await waitUntilReady(service, `${url}/health/ready`);
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    url,
    service,
    kill,
    async stop() {
      await service.stop('SIGTERM');
    },
  };
}
