/**
 * Child-process entry for the broker benchmark: starts the dev broker on a free loopback
 * port with a fresh temporary data directory, prints one JSON line with its address, and
 * stops (removing the data directory) on SIGTERM/SIGINT or when the parent goes away.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startDevBroker } from '@touchpoint/dev-broker';
import { Session } from 'node:inspector/promises';
import { type BrokerReady, type ChildMessage, isParentMessage, type ParentMessage, usageSample } from './ipc';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-bench-broker-'));
  const logger = pino({ level: process.env['BROKER_LOG_LEVEL'] ?? 'warn' }, pino.destination(2));
  let broker;
  try {
    broker = await startDevBroker({ port: 0, host: '127.0.0.1', dataDir, logger });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopping = false;
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(code);
    }, 5_000);
    forced.unref();
    broker
      .stop()
      .catch((error: unknown) => logger.error({ err: error }, 'broker stop failed'))
      .finally(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        // process.exit (not a signal death), so a `node --cpu-prof` run still writes its profile.
        process.exit(code);
      });
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));
  // Spawned with an IPC channel: if the parent dies, the channel closes and we clean up.
  process.on('disconnect', () => shutdown(0));
  // The bench samples the broker's CPU and event-loop time around each phase, and can
  // CPU-profile a phase with the in-process inspector.
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  let profiler: Session | null = null;
  const handle = async (message: ParentMessage): Promise<void> => {
    switch (message.type) {
      case 'usage':
        send({ type: 'usage', usage: usageSample() });
        return;
      case 'profile-start':
        if (!profiler) {
          profiler = new Session();
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        }
        await profiler.post('Profiler.start');
        send({ type: 'profile-started' });
        return;
      case 'profile-stop': {
        if (!profiler) throw new Error('profile-stop without profile-start');
        const { profile } = await profiler.post('Profiler.stop');
        fs.mkdirSync(path.dirname(message.file), { recursive: true });
        fs.writeFileSync(message.file, JSON.stringify(profile));
        send({ type: 'profile-written', file: message.file });
        return;
      }
    }
  };
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    handle(message).catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  });

  const ready: BrokerReady = { type: 'ready', address: broker.address, host: broker.host, port: broker.port, dataDir: broker.dataDir, pid: process.pid };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`broker process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
