import net from 'node:net';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** An echo server standing in for the dependency behind the proxy. */
async function startEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Client {
  readonly socket: net.Socket;
  /** Sends `text` and resolves with the echo, or rejects with the socket's error or its close. */
  roundTrip(text: string, timeoutMs?: number): Promise<string>;
  readonly closed: Promise<string>;
  /** Everything received so far. */
  received(): string;
}

function connect(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const listeners = new Set<() => void>();
    socket.on('data', (chunk) => {
      received += chunk.toString();
      for (const listener of listeners) listener();
    });
    const closed = new Promise<string>((resolveClosed) => {
      socket.once('error', (error: NodeJS.ErrnoException) => resolveClosed(error.code ?? error.message));
      socket.once('close', () => resolveClosed('closed'));
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        closed,
        received: () => received,
        roundTrip: (text, timeoutMs = 2_000) =>
          new Promise((resolveTrip, rejectTrip) => {
            const start = received.length;
            const timer = setTimeout(() => rejectTrip(new Error(`no echo of ${text} within ${timeoutMs} ms`)), timeoutMs);
            const check = (): void => {
              if (received.length - start >= text.length) {
                clearTimeout(timer);
                listeners.delete(check);
                resolveTrip(received.slice(start, start + text.length));
              }
            };
            listeners.add(check);
            void closed.then((why) => rejectTrip(new Error(why)));
            socket.write(text);
          }),
      }),
    );
  });
}

const errorCodeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'connected',
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );

describe('startTcpProxy', () => {
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let proxy: TcpProxy;

  beforeEach(async () => {
    echo = await startEcho();
    proxy = await startTcpProxy({ target: { host: '127.0.0.1', port: echo.port } });
  });

  afterEach(async () => {
    await proxy.stop();
    await echo.close();
  });

  it('forwards both ways', async () => {
    const client = await connect(proxy.port);
    await expect(client.roundTrip('hello')).resolves.toBe('hello');
    expect(proxy.connections()).toBe(1);
    client.socket.destroy();
  });

  it('cut drops open connections and refuses new ones; restore forwards again on the same port', async () => {
    const client = await connect(proxy.port);
    await client.roundTrip('before');
    await proxy.cut();
    await expect(client.closed).resolves.toBe('closed');
    expect(await errorCodeOf(connect(proxy.port))).toBe('ECONNREFUSED');

    await proxy.restore();
    const again = await connect(proxy.port);
    await expect(again.roundTrip('after')).resolves.toBe('after');
    again.socket.destroy();
  });

  it('a cut in hold mode accepts connections but answers nothing until restored', async () => {
    await proxy.cut('hold');
    const held = await connect(proxy.port);
    await expect(held.roundTrip('anyone?', 300)).rejects.toThrow('no echo');
    expect(held.received()).toBe('');
    await proxy.restore();
    // What was sent into the black hole arrives once the path is back, before what follows.
    held.socket.write('now');
    const deadline = Date.now() + 2_000;
    while (held.received().length < 'anyone?now'.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held.received()).toBe('anyone?now');
    held.socket.destroy();
  });

  it('delays traffic by the set latency, both ways, in order', async () => {
    const client = await connect(proxy.port);
    proxy.setLatency(150);
    const started = Date.now();
    await expect(client.roundTrip('slow')).resolves.toBe('slow');
    // Once to the target, once back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    proxy.setLatency(0);
    const fast = Date.now();
    await client.roundTrip('fast');
    expect(Date.now() - fast).toBeLessThan(150);
    client.socket.destroy();
  });
});
