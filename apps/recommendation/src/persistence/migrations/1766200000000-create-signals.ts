import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-occurrence signals kept from resolved events: the message ids counted (each once), each
 * profile's current visit (the products viewed in it), decayed pair scores and popularity.
 * A score is stored as its value at `at` (epoch ms) and decays with the configured half-life.
 */
export class CreateSignals1766200000000 implements MigrationInterface {
  readonly name = 'CreateSignals1766200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE recommendation_signal_events (message_id text PRIMARY KEY, counted_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE TABLE recommendation_signal_visits (profile_id uuid PRIMARY KEY, last_at bigint NOT NULL, products text[] NOT NULL)`);
    await runner.query(`
      CREATE TABLE recommendation_signal_pairs (
        kind text NOT NULL,
        product_id text NOT NULL,
        other_id text NOT NULL,
        value double precision NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (kind, product_id, other_id)
      )`);
    // scope: 'all', 'category:<category>' or 'audience:<audience id>'.
    await runner.query(
      `CREATE TABLE recommendation_signal_popularity (scope text NOT NULL, product_id text NOT NULL, value double precision NOT NULL, at bigint NOT NULL, PRIMARY KEY (scope, product_id))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['recommendation_signal_popularity', 'recommendation_signal_pairs', 'recommendation_signal_visits', 'recommendation_signal_events']) await runner.query(`DROP TABLE ${table}`);
  }
}
