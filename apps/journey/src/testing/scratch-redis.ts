import { spawn } from 'node:child_process';
import { freePort } from '@touchpoint/kafka-testing';
import Redis from 'ioredis';

export interface ScratchRedis {
  readonly url: string;
  /** A client of this server only: FLUSHALL here touches nobody else's keys. */
  readonly client: Redis;
  stop(): Promise<void>;
}

/**
 * A Redis server of the spec's own, in memory only, on a free port: a spec may flush it at
 * will, which it must never do to the Redis other specs and services share.
 */
export async function startScratchRedis(timeoutMs = 10_000): Promise<ScratchRedis> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('spawn', () => resolve());
  });
  const stopServer = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await exited;
  };
  await started;

  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (client.status === 'wait') await client.connect();
      if ((await client.ping()) === 'PONG') break;
    } catch (error) {
      if (server.exitCode !== null || Date.now() > deadline) {
        client.disconnect();
        await stopServer();
        throw new Error(`redis-server on port ${port} did not answer (${String(error)}):\n${output.slice(-2000)}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}/0`,
    client,
    async stop() {
      client.disconnect();
      await stopServer();
    },
  };
}
