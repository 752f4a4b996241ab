import net from 'node:net';

export interface TcpProxyOptions {
  readonly target: { readonly host: string; readonly port: number };
  /** Listen port; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
}

/** How a cut proxy treats new connections: refuse them (the port is closed), or accept and never answer (a black hole). */
export type CutMode = 'refuse' | 'hold';

export interface TcpProxy {
  readonly port: number;
  /** `host:port` clients connect to. */
  readonly address: string;
  /** Drops every open connection; new ones are refused or held (the default: refused) until `restore()`. */
  cut(mode?: CutMode): Promise<void>;
  /** Forwards again; connections held during the cut are connected to the target now. */
  restore(): Promise<void>;
  /** Delays every chunk, in both directions, by `ms` (0: none), keeping their order. */
  setLatency(ms: number): void;
  /** Connections currently open through the proxy. */
  connections(): number;
  stop(): Promise<void>;
}

/** One direction of a connection, delaying chunks by the current latency without reordering them. */
function relay(from: net.Socket, to: net.Socket, latency: () => number): void {
  let queue = Promise.resolve();
  from.on('data', (chunk: Buffer) => {
    const delay = latency();
    if (delay === 0) {
      queue = queue.then(() => void (to.writable && to.write(chunk)));
      return;
    }
    const due = Date.now() + delay;
    queue = queue.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (to.writable) to.write(chunk);
            resolve();
          }, Math.max(0, due - Date.now())),
        ),
    );
  });
  from.on('end', () => void queue.then(() => to.end()));
}

/**
 * A TCP proxy in front of a dependency, for fault tests: point a service at `address`, then
 * cut the dependency away (as a crash or a partition would), slow it down, and restore it.
 * Only the test's own proxy is affected; the shared server behind it never notices.
 */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const host = options.host ?? '127.0.0.1';
  /** Every socket of a forwarded connection, both ends. */
  const open = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const held = new Set<net.Socket>();
  let mode: CutMode | null = null;
  let latencyMs = 0;

  const forward = (client: net.Socket): void => {
    const upstream = net.connect(options.target.port, options.target.host);
    open.add(client);
    open.add(upstream);
    clients.add(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
      clients.delete(client);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    relay(client, upstream, () => latencyMs);
    relay(upstream, client, () => latencyMs);
    client.resume();
  };

  const onConnection = (client: net.Socket): void => {
    if (mode === 'hold') {
      // Accepted, nothing read or answered: the client sees a peer that never responds.
      client.pause();
      held.add(client);
      client.on('error', () => held.delete(client)).on('close', () => held.delete(client));
      return;
    }
    forward(client);
  };

  let server = net.createServer({ pauseOnConnect: true }, onConnection);
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const closeServer = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  const port = await listen(options.port ?? 0);

  const dropAll = (): void => {
    for (const socket of open) socket.destroy();
    open.clear();
    clients.clear();
  };

  return {
    port,
    address: `${host}:${port}`,
    async cut(cutMode: CutMode = 'refuse') {
      mode = cutMode;
      dropAll();
      // Refusing means nothing listens on the port, as when the dependency's host is up but its process is not.
      if (cutMode === 'refuse' && server.listening) await closeServer();
    },
    async restore() {
      const wasRefusing = mode === 'refuse';
      mode = null;
      if (wasRefusing && !server.listening) {
        server = net.createServer({ pauseOnConnect: true }, onConnection);
        await listen(port);
      }
      for (const client of held) forward(client);
      held.clear();
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    connections: () => clients.size,
    async stop() {
      dropAll();
      for (const client of held) client.destroy();
      held.clear();
      if (server.listening) await closeServer();
    },
  };
}
