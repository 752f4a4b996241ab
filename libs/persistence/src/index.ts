export { databaseNameOf, dropDatabase, ensureDatabase, maintenanceUrlOf } from './lib/ensure-database';
export { runMigrations } from './lib/run-migrations';
export { preparedQuery, withPooledConnection } from './lib/pooled-connection';
export { inTransaction, isRetryableTransactionError, type TransactionOptions } from './lib/transaction';
export { PostgresReadinessProbe } from './lib/postgres.readiness-probe';
export { createTestDatabase, type TestDatabase } from './lib/test-database';
