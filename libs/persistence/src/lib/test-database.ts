import { randomBytes } from 'node:crypto';
import { dropDatabase } from './ensure-database';

export interface TestDatabase {
  readonly url: string;
  /** Names of the migrations the migration command applied to the fresh database. */
  readonly migrations: readonly string[];
  drop(): Promise<void>;
}

/**
 * A fresh database per spec run on the server of `baseUrl`, created and migrated by the
 * service's real migration command (`migrate`), dropped by `drop()`.
 */
export async function createTestDatabase(baseUrl: string, label: string, migrate: (url: string) => Promise<string[]>): Promise<TestDatabase> {
  const url = new URL(baseUrl);
  url.pathname = `/tp_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const migrations = await migrate(url.toString());
  return { url: url.toString(), migrations, drop: () => dropDatabase(url.toString()) };
}
