import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journey state of record: each profile's applied entries (the log its state is folded
 * from), the folded state with the versions that produced it, retired ids redirecting to
 * their survivor, the due time of its next timer, every transition (the timeline, and the
 * outbox of those not yet published), and the merges applied.
 * Documents are `json`, not `jsonb`: they are written and read whole, never queried inside,
 * and `json` keeps them byte for byte as the reducer wrote them.
 */
export class CreateJourneyRecord1765000000000 implements MigrationInterface {
  readonly name = 'CreateJourneyRecord1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE journey_profiles (
        profile_id uuid PRIMARY KEY,
        retired_into uuid,
        retired_by text,
        state json,
        view json,
        reducer_version int,
        definitions_version text,
        -- Starts at the creation time in microseconds, so a row erased and created again never
        -- reuses a revision that a cache may still hold for the old one.
        revision bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint,
        next_due_at bigint,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX journey_profiles_due ON journey_profiles (next_due_at) WHERE next_due_at IS NOT NULL`);
    await runner.query(`CREATE INDEX journey_profiles_retired_into ON journey_profiles (retired_into) WHERE retired_into IS NOT NULL`);
    await runner.query(`
      CREATE TABLE journey_entries (
        profile_id uuid NOT NULL,
        message_id text NOT NULL,
        at bigint NOT NULL,
        content_hash text NOT NULL,
        kind text NOT NULL,
        origin_profile_id uuid,
        origin_identifier text,
        entry json NOT NULL,
        PRIMARY KEY (profile_id, message_id)
      )`);
    await runner.query(`CREATE INDEX journey_entries_time ON journey_entries (profile_id, at, message_id)`);
    await runner.query(`
      CREATE TABLE journey_transitions (
        seq bigserial PRIMARY KEY,
        profile_id uuid NOT NULL,
        transition_id text NOT NULL,
        occurred_at bigint NOT NULL,
        body json NOT NULL,
        published boolean NOT NULL DEFAULT false,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX journey_transitions_profile ON journey_transitions (profile_id, occurred_at, seq)`);
    await runner.query(`CREATE INDEX journey_transitions_outbox ON journey_transitions (seq) WHERE NOT published`);
    await runner.query(`
      CREATE TABLE journey_merges (
        merge_id text PRIMARY KEY,
        survivor_profile_id uuid NOT NULL,
        merged_profile_ids uuid[] NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The documents are rewritten on every batch: lz4 compresses them several times faster than
    // the default pglz. A server built without lz4 keeps pglz.
    await runner.query(`
      DO $$ BEGIN
        ALTER TABLE journey_profiles ALTER COLUMN state SET COMPRESSION lz4, ALTER COLUMN view SET COMPRESSION lz4;
        ALTER TABLE journey_entries ALTER COLUMN entry SET COMPRESSION lz4;
        ALTER TABLE journey_transitions ALTER COLUMN body SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        RAISE NOTICE 'lz4 is not available: journey documents stay compressed with pglz';
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['journey_merges', 'journey_transitions', 'journey_entries', 'journey_profiles']) await runner.query(`DROP TABLE ${table}`);
  }
}
