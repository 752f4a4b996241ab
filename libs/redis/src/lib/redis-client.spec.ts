import net from 'node:net';
import { RedisClient } from './redis-client';

describe('RedisClient against a Redis that never answers', () => {
  let blackHole: net.Server;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    // Accepts connections and reads nothing back, as a partitioned or black-holed Redis does.
    blackHole = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('fails a command with "Command timed out" instead of waiting forever', async () => {
    const { port } = blackHole.address() as net.AddressInfo;
    const client = new RedisClient({ url: `redis://127.0.0.1:${port}/0`, keyPrefix: 'never:' });
    const started = Date.now();
    await expect(client.redis.get('k')).rejects.toThrow('Command timed out');
    const tookMs = Date.now() - started;
    expect(tookMs).toBeGreaterThanOrEqual(4_500);
    expect(tookMs).toBeLessThan(8_000);
    await client.onApplicationShutdown();
  }, 15_000);
});
