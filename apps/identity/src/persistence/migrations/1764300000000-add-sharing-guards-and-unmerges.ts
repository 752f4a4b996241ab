import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guards and undo for merges: which accounts each device and card was seen with (to mark the
 * shared ones), the identifiers each merge moved (what an unmerge gives back), the unmerges
 * themselves, and the links they block. Refusals gain reasons without a per-profile limit.
 */
export class AddSharingGuardsAndUnmerges1764300000000 implements MigrationInterface {
  readonly name = 'AddSharingGuardsAndUnmerges1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identifier_pairings (
        type varchar(32) NOT NULL,
        value varchar(256) NOT NULL,
        other_type varchar(32) NOT NULL,
        other_value varchar(256) NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (type, value, other_type, other_value)
      )`);
    await runner.query(`
      CREATE TABLE shared_identifiers (
        type varchar(32) NOT NULL,
        value varchar(256) NOT NULL,
        guard varchar(16) NOT NULL,
        counted_type varchar(32) NOT NULL,
        distinct_count integer NOT NULL,
        max_allowed integer NOT NULL,
        caused_by_message_id varchar(256) NOT NULL,
        marked_at timestamptz NOT NULL,
        PRIMARY KEY (type, value)
      )`);
    await runner.query(`
      CREATE TABLE merge_moves (
        merge_id varchar(600) NOT NULL REFERENCES merge_log (id) ON DELETE CASCADE,
        type varchar(32) NOT NULL,
        value varchar(256) NOT NULL,
        PRIMARY KEY (merge_id, type, value)
      )`);
    await runner.query(`
      CREATE TABLE unmerges (
        id varchar(700) PRIMARY KEY,
        merge_id varchar(600) NOT NULL UNIQUE,
        survivor_id uuid NOT NULL,
        restored_id uuid NOT NULL,
        restored_merged_ids uuid[] NOT NULL,
        identifiers jsonb NOT NULL,
        linked_by jsonb NOT NULL,
        caused_by_message_id varchar(256) NOT NULL,
        caused_by_profile_id uuid NOT NULL,
        requested_by varchar(256) NOT NULL,
        unmerged_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX unmerges_survivor_id_idx ON unmerges (survivor_id)`);
    await runner.query(`CREATE INDEX unmerges_restored_id_idx ON unmerges (restored_id)`);
    await runner.query(`
      CREATE TABLE blocked_links (
        unmerge_id varchar(700) PRIMARY KEY REFERENCES unmerges (id) ON DELETE CASCADE,
        profile_a uuid NOT NULL,
        profile_b uuid NOT NULL,
        linked_by jsonb NOT NULL,
        blocked_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX blocked_links_profile_a_idx ON blocked_links (profile_a)`);
    await runner.query(`CREATE INDEX blocked_links_profile_b_idx ON blocked_links (profile_b)`);
    await runner.query(`ALTER TABLE merge_refusals ALTER COLUMN limit_type DROP NOT NULL, ALTER COLUMN max_per_profile DROP NOT NULL`);
    await runner.query(`CREATE INDEX merge_refusals_refused_at_idx ON merge_refusals (refused_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX merge_refusals_refused_at_idx`);
    await runner.query(`DELETE FROM merge_refusals WHERE limit_type IS NULL`);
    await runner.query(`ALTER TABLE merge_refusals ALTER COLUMN limit_type SET NOT NULL, ALTER COLUMN max_per_profile SET NOT NULL`);
    for (const table of ['blocked_links', 'unmerges', 'merge_moves', 'shared_identifiers', 'identifier_pairings']) await runner.query(`DROP TABLE ${table}`);
  }
}
