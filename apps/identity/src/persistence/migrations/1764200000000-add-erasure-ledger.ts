import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erased identifiers, by keyed hash only, so old events of an erased customer cannot recreate her. */
export class AddErasureLedger1764200000000 implements MigrationInterface {
  readonly name = 'AddErasureLedger1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erased_identifiers (
        key varchar(64) PRIMARY KEY,
        deletion_id uuid NOT NULL,
        profile_id uuid NOT NULL,
        erased_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE erased_identifiers`);
  }
}
