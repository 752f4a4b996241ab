import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each product's retargeting started and expired, and when the profile's next expiry falls due. */
export class AddRetargetingClock1766300000000 implements MigrationInterface {
  readonly name = 'AddRetargetingClock1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE recommendation_profiles ADD COLUMN clock json, ADD COLUMN next_due_at bigint`);
    await runner.query(`CREATE INDEX recommendation_profiles_due ON recommendation_profiles (next_due_at) WHERE next_due_at IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX recommendation_profiles_due');
    await runner.query('ALTER TABLE recommendation_profiles DROP COLUMN next_due_at, DROP COLUMN clock');
  }
}
