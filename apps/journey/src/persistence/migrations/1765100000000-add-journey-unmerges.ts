import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unmerges applied: each once; a merge that arrives after its unmerge is ignored, and events
 * resolved to the survivor before the unmerge that belong to the restored side are sent there.
 */
export class AddJourneyUnmerges1765100000000 implements MigrationInterface {
  readonly name = 'AddJourneyUnmerges1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE journey_unmerges (
        unmerge_id text PRIMARY KEY,
        merge_id text NOT NULL UNIQUE,
        survivor_profile_id uuid NOT NULL,
        restored_profile_id uuid NOT NULL,
        moved_message_ids text[] NOT NULL,
        -- What routes events identity resolved to the survivor before the unmerge, arriving after it.
        caused_by_message_id text NOT NULL,
        caused_by_restored boolean NOT NULL,
        origin_keys text[] NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX journey_unmerges_survivor ON journey_unmerges (survivor_profile_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE journey_unmerges`);
  }
}
