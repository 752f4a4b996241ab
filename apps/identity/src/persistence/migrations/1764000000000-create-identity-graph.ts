import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityGraph1764000000000 implements MigrationInterface {
  readonly name = 'CreateIdentityGraph1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE profiles (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        merged_into uuid NULL REFERENCES profiles (id)
      )`);
    // Merges re-point profiles that were merged into a profile now being merged away.
    await runner.query(`CREATE INDEX profiles_merged_into_idx ON profiles (merged_into) WHERE merged_into IS NOT NULL`);
    await runner.query(`
      CREATE TABLE identifiers (
        type varchar(32) NOT NULL,
        value varchar(256) NOT NULL,
        profile_id uuid NOT NULL REFERENCES profiles (id),
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        PRIMARY KEY (type, value)
      )`);
    await runner.query(`CREATE INDEX identifiers_profile_id_idx ON identifiers (profile_id)`);
    await runner.query(`
      CREATE TABLE merge_log (
        id varchar(600) PRIMARY KEY,
        survivor_id uuid NOT NULL REFERENCES profiles (id),
        merged_id uuid NOT NULL REFERENCES profiles (id),
        reason varchar(32) NOT NULL,
        identifier_type varchar(32) NOT NULL,
        identifier_value varchar(256) NOT NULL,
        caused_by_message_id varchar(256) NOT NULL,
        merged_at timestamptz NOT NULL,
        CONSTRAINT merge_log_caused_by_merged_key UNIQUE (caused_by_message_id, merged_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE merge_log`);
    await runner.query(`DROP TABLE identifiers`);
    await runner.query(`DROP TABLE profiles`);
  }
}
