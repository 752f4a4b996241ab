import fs from 'node:fs';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { TouchpointError } from '@touchpoint/contracts';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { readCatalogJson } from './catalog-import';
import { CatalogStore } from './catalog-store';
import { LiveCatalog } from './live-catalog';
import { ProductCatalog } from './product-catalog';

/**
 * Loads the stored catalog before any transition is decided (importing the seed file into an
 * empty store first, when one is configured), then reloads it whenever another instance's
 * import moved the version on.
 */
@Injectable()
export class CatalogLoader implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CatalogLoader.name);
  private readonly refresh: PeriodicTask;

  constructor(
    private readonly store: CatalogStore,
    private readonly live: LiveCatalog,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {
    this.refresh = new PeriodicTask('catalog refresh', settings.catalogRefreshMs, async () => {
      if ((await this.store.version()) !== this.live.version) await this.reload();
      return false;
    }, this.logger);
  }

  async onModuleInit(): Promise<void> {
    let stored = await this.store.load();
    if (stored.products.length === 0 && this.settings.catalogSeedFile !== null) {
      const read = readCatalogJson(JSON.parse(fs.readFileSync(this.settings.catalogSeedFile, 'utf8')) as unknown);
      if (read.rejected.length > 0) throw new TouchpointError('TP_CATALOG_INVALID', `${this.settings.catalogSeedFile}: ${read.rejected.map((r) => `row ${r.row} ${r.path}: ${r.message}`).join('; ')}`);
      await this.store.upsert(read.products);
      stored = await this.store.load();
      this.logger.log(`catalog seeded from ${this.settings.catalogSeedFile}: ${stored.products.length} product(s)`);
    }
    this.live.replace(new ProductCatalog(stored.products), stored.version);
    this.refresh.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.refresh.stop();
  }

  private async reload(): Promise<void> {
    const stored = await this.store.load();
    this.live.replace(new ProductCatalog(stored.products), stored.version);
  }
}
