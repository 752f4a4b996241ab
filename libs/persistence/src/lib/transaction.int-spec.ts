import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database';
import { inTransaction } from './transaction';
import { ensureDatabase } from './ensure-database';

const BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('inTransaction against a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(BASE_URL, 'persistence', async (url) => {
      await ensureDatabase(url);
      return [];
    });
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 4 } });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
    await dataSource.query('INSERT INTO counters VALUES (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('commits what the work did, and rolls back when it throws', async () => {
    await inTransaction(dataSource, (client) => client.query('UPDATE counters SET n = n + 1 WHERE id = 1'));
    await expect(
      inTransaction(dataSource, async (client) => {
        await client.query('UPDATE counters SET n = n + 100 WHERE id = 1');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await dataSource.query('SELECT n FROM counters WHERE id = 1')).toEqual([{ n: 1 }]);
  });

  it('turns a connection lost between statements into an error of the transaction, not a crash of the process', async () => {
    const admin = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
    await admin.initialize();
    try {
      const failure = inTransaction(dataSource, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // The server ends this very connection while the transaction waits on something else.
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('SELECT 1');
      });
      await expect(failure).rejects.toThrow(/terminat|Connection/i);
      // The pool threw the broken connection away: the next transaction works.
      await expect(inTransaction(dataSource, (client) => client.query('SELECT 1'))).resolves.toBeDefined();
    } finally {
      await admin.destroy();
    }
  });

  it('runs a transaction Postgres aborted for a deadlock again, so both writers land', async () => {
    const before = (await dataSource.query('SELECT id, n FROM counters ORDER BY id')) as { n: number }[];
    let attempts = 0;
    // Two transactions lock the rows in opposite orders and wait for each other: Postgres kills one.
    const bothHoldFirstLock = barrier(2);
    const writer = (first: number, second: number) =>
      inTransaction(dataSource, async (client) => {
        attempts++;
        await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [first]);
        if (attempts <= 2) await bothHoldFirstLock();
        await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([writer(1, 2), writer(2, 1)]);
    expect(attempts).toBe(3);
    const after = (await dataSource.query('SELECT id, n FROM counters ORDER BY id')) as { n: number }[];
    expect(after.map((row) => row.n)).toEqual(before.map((row) => row.n + 2));
  });
});

function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived++;
    if (arrived >= parties) open();
    await opened;
  };
}
