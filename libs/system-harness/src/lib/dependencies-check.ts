import net from 'node:net';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port: Number(parsed.port || defaultPort) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Says, before anything starts, which of Postgres and Redis cannot be reached and how to start them. */
export async function checkDependencies(databaseUrl: string, redisUrl: string): Promise<void> {
  const problems: string[] = [];
  if (!(await reachable(databaseUrl, 5432))) {
    problems.push(
      `PostgreSQL is not reachable at ${new URL(databaseUrl).host}. Start it (e.g. "pg_ctlcluster 15 main start" or "brew services start postgresql") or set DATABASE_URL.`,
    );
  }
  if (!(await reachable(redisUrl, 6379))) {
    problems.push(`Redis is not reachable at ${new URL(redisUrl).host}. Start it (e.g. "redis-server --daemonize yes") or set REDIS_URL.`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
