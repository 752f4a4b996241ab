import { loadServiceConfig, processEnv } from '@touchpoint/config';
import { createTestDatabase as createMigratedDatabase, type TestDatabase } from '@touchpoint/persistence';
import { runMigrations } from '../persistence/run-migrations';

export type { TestDatabase };

/** A fresh database per spec run, created and migrated by identity's real migration command. */
export function createTestDatabase(label: string): Promise<TestDatabase> {
  return createMigratedDatabase(loadServiceConfig('identity', processEnv()).database.url, `identity_${label}`, runMigrations);
}

export function testRedisUrl(): string {
  return loadServiceConfig('identity', processEnv()).redis.url;
}
