import type { ServiceName } from '@touchpoint/config';
import type { ChaosSystem } from './chaos-system';

/** One fault of the run: done to the system while the load keeps going, then undone. */
export interface Fault {
  readonly name: string;
  /** The service whose consumers must resume from committed offsets afterwards, if one was killed. */
  readonly killedService?: ServiceName;
  /**
   * Does the fault and undoes it; resolves with the moment recovery is measured from: the kill
   * for a crash (the restart is part of recovering), the restore for a cut or a slow network.
   */
  run(system: ChaosSystem, hold: (ms: number) => Promise<void>): Promise<number>;
}

const killService = (name: ServiceName): Fault => ({
  name: `kill -9 ${name}`,
  killedService: name,
  async run(system) {
    const at = Date.now();
    await system.killAndRestart(name);
    return at;
  },
});

const killBroker = (downMs: number): Fault => ({
  name: 'kill -9 broker',
  async run(system, hold) {
    const at = Date.now();
    await system.kafka.kill();
    await hold(downMs);
    await system.kafka.restart();
    return at;
  },
});

const cutPostgres = (cutMs: number): Fault => ({
  name: 'postgres cut',
  async run(system, hold) {
    await system.postgres.cut('refuse');
    await hold(cutMs);
    await system.postgres.restore();
    return Date.now();
  },
});

const slowPostgres = (latencyMs: number, forMs: number): Fault => ({
  name: `postgres +${latencyMs} ms`,
  async run(system, hold) {
    system.postgres.setLatency(latencyMs);
    await hold(forMs);
    system.postgres.setLatency(0);
    return Date.now();
  },
});

const flushRedis: Fault = {
  name: 'redis flushed',
  async run(system) {
    await system.redis.flushAll();
    return Date.now();
  },
};

const restartRedis = (downMs: number): Fault => ({
  name: 'redis stopped+restarted',
  async run(system, hold) {
    await system.redis.kill();
    await hold(downMs);
    await system.redis.restart();
    return Date.now();
  },
});

/** Every fault in turn; the short list has one of each kind. */
export function faultPlan(short: boolean): Fault[] {
  if (short) return [killService('journey'), killBroker(5_000), cutPostgres(8_000), flushRedis, restartRedis(3_000)];
  return [
    killService('ingest'),
    killService('identity'),
    killService('journey'),
    killService('recommendation'),
    killBroker(10_000),
    cutPostgres(10_000),
    slowPostgres(200, 15_000),
    flushRedis,
    restartRedis(5_000),
  ];
}
