import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product catalog shops import, one row per product, and a version every import moves on,
 * so each instance can tell when to reload it and each catalog change has an id of its own.
 */
export class CreateCatalog1766100000000 implements MigrationInterface {
  readonly name = 'CreateCatalog1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE recommendation_catalog (
        product_id text PRIMARY KEY,
        product json NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE SEQUENCE recommendation_catalog_version`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SEQUENCE recommendation_catalog_version');
    await runner.query('DROP TABLE recommendation_catalog');
  }
}
