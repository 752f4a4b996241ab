import { type ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort, waitFor } from '@touchpoint/kafka-testing';

/** A redis-server of a test's own, which the test may flush, kill and start again without touching anyone else's. */
export interface PrivateRedis {
  readonly port: number;
  /** `host:port` for REDIS_URL. */
  readonly address: string;
  flushAll(): Promise<void>;
  /** SIGKILL: every key is gone (nothing is saved) and clients see the connection drop. */
  kill(): Promise<void>;
  /** A new, empty server on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function launch(port: number): { child: ChildProcess; exited: Promise<void> } {
  // No RDB, no AOF: a restart comes back empty, as a cache that lost its memory does.
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited };
}

async function answers(port: number): Promise<true | undefined> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? true : undefined;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** Starts `redis-server` (which must be on PATH) on a free port and waits until it answers. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ReturnType<typeof launch> | null = launch(port);
  const start = async (): Promise<void> => {
    server = launch(port);
    await waitFor(() => answers(port), `redis-server on port ${port}`, 15_000);
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = server;
    server = null;
    if (!running) return;
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
    await running.exited;
  };
  await waitFor(() => answers(port), `redis-server on port ${port}`, 15_000);
  return {
    port,
    address: `127.0.0.1:${port}`,
    async flushAll() {
      const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGKILL');
      await start();
    },
    stop: () => end('SIGTERM'),
  };
}
