import { Injectable } from '@nestjs/common';
import type { CatalogProduct } from '@touchpoint/contracts';
import { inTransaction, withPooledConnection } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { CatalogStore, type StoredCatalog } from '../catalog/catalog-store';

const currentVersion = `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS version FROM recommendation_catalog_version`;

@Injectable()
export class PostgresCatalogStore extends CatalogStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  upsert(products: readonly CatalogProduct[]): Promise<number> {
    return inTransaction(this.dataSource, async (client) => {
      if (products.length > 0) {
        await client.query(
          `INSERT INTO recommendation_catalog (product_id, product)
           SELECT r.product_id, r.product FROM json_to_recordset($1::json) AS r(product_id text, product json)
           ON CONFLICT (product_id) DO UPDATE SET product = excluded.product, updated_at = now()`,
          [JSON.stringify(products.map((product) => ({ product_id: product.productId, product })))],
        );
      }
      const { rows } = await client.query<{ version: string }>(`SELECT nextval('recommendation_catalog_version') AS version`);
      return Number(rows[0].version);
    });
  }

  load(): Promise<StoredCatalog> {
    return inTransaction(this.dataSource, async (client) => {
      const version = await client.query<{ version: string }>(currentVersion);
      const { rows } = await client.query<{ product: CatalogProduct }>('SELECT product FROM recommendation_catalog ORDER BY product_id');
      return { version: Number(version.rows[0].version), products: rows.map((row) => row.product) };
    });
  }

  version(): Promise<number> {
    return withPooledConnection(this.dataSource, async (client) => Number((await client.query<{ version: string }>(currentVersion)).rows[0].version));
  }

  profilesWithAny(productIds: readonly string[]): Promise<string[]> {
    if (productIds.length === 0) return Promise.resolve([]);
    return withPooledConnection(this.dataSource, async (client) => {
      // A scan of the profiles: catalog changes are rare next to transitions, and this keeps transitions free of an index to maintain.
      const { rows } = await client.query<{ profile_id: string }>(
        `SELECT profile_id FROM recommendation_profiles WHERE retired_into IS NULL AND (view::jsonb -> 'products') ?| $1::text[] ORDER BY profile_id`,
        [productIds],
      );
      return rows.map((row) => row.profile_id);
    });
  }
}
