import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What recommendation keeps, durably: each profile's view of its journey and what platforms
 * were last told (so a lost Redis or a restart never forgets a start that needs its stop),
 * every message told (the decisions history, and the outbox of those not yet published), and
 * the erased profile ids (a late transition must not bring an erased customer back).
 */
export class CreateRecommendationRecord1766000000000 implements MigrationInterface {
  readonly name = 'CreateRecommendationRecord1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE recommendation_profiles (
        profile_id uuid PRIMARY KEY,
        view json NOT NULL,
        told json NOT NULL,
        retired_into uuid,
        -- Where the profile's messages end on the output topic, for the state topic.
        positions json NOT NULL DEFAULT '[]',
        state_pending boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX recommendation_profiles_state_pending ON recommendation_profiles (profile_id) WHERE state_pending`);
    await runner.query(`
      CREATE TABLE recommendation_decisions (
        seq bigserial PRIMARY KEY,
        message_id text NOT NULL UNIQUE,
        profile_id uuid NOT NULL,
        body json NOT NULL,
        -- When ingest accepted the event that caused it (epoch ms), when known: for the latency metric.
        accepted_at bigint,
        decided_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        partition int,
        "offset" bigint
      )`);
    await runner.query(`CREATE INDEX recommendation_decisions_profile ON recommendation_decisions (profile_id, seq)`);
    await runner.query(`CREATE INDEX recommendation_decisions_pending ON recommendation_decisions (seq) WHERE published_at IS NULL`);
    await runner.query(`
      CREATE TABLE recommendation_erasures (
        profile_id uuid PRIMARY KEY,
        deletion_id uuid NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now(),
        -- The profile's key on the state topic still needs its tombstone.
        tombstone_pending boolean NOT NULL DEFAULT true
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE recommendation_erasures');
    await runner.query('DROP TABLE recommendation_decisions');
    await runner.query('DROP TABLE recommendation_profiles');
  }
}
