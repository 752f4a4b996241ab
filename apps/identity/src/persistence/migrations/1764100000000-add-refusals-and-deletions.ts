import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Merge refusals are recorded, not only logged; GDPR deletions leave an audit without identifier values. */
export class AddRefusalsAndDeletions1764100000000 implements MigrationInterface {
  readonly name = 'AddRefusalsAndDeletions1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE merge_refusals (
        id varchar(900) PRIMARY KEY,
        profile_id uuid NOT NULL,
        refused_profile_id uuid NULL,
        reason varchar(32) NOT NULL,
        limit_type varchar(32) NOT NULL,
        max_per_profile integer NOT NULL,
        linked_by jsonb NOT NULL,
        identifiers jsonb NOT NULL,
        caused_by_message_id varchar(256) NOT NULL,
        refused_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX merge_refusals_profile_id_idx ON merge_refusals (profile_id)`);
    await runner.query(`CREATE INDEX merge_refusals_refused_profile_id_idx ON merge_refusals (refused_profile_id) WHERE refused_profile_id IS NOT NULL`);
    await runner.query(`CREATE INDEX merge_log_survivor_id_idx ON merge_log (survivor_id)`);
    await runner.query(`CREATE INDEX merge_log_merged_id_idx ON merge_log (merged_id)`);
    await runner.query(`ALTER TABLE profiles ADD COLUMN deleted_at timestamptz NULL`);
    await runner.query(`
      CREATE TABLE deletion_audit (
        id uuid PRIMARY KEY,
        profile_id uuid NOT NULL,
        requested_by varchar(256) NOT NULL,
        identifier_counts jsonb NOT NULL,
        deleted_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX deletion_audit_profile_id_idx ON deletion_audit (profile_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE deletion_audit`);
    await runner.query(`ALTER TABLE profiles DROP COLUMN deleted_at`);
    await runner.query(`DROP INDEX merge_log_merged_id_idx`);
    await runner.query(`DROP INDEX merge_log_survivor_id_idx`);
    await runner.query(`DROP TABLE merge_refusals`);
  }
}
