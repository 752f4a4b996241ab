import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import type { CatalogRejection, ReadCatalog } from '../catalog/catalog-import';
import { productsToRedecide } from '../catalog/catalog-changes';
import { CatalogStore } from '../catalog/catalog-store';
import { LiveCatalog } from '../catalog/live-catalog';
import { ProductCatalog } from '../catalog/product-catalog';
import { reactToChange } from '../recommendation-rules/react-to-transition';
import { retargetingPolicyOf } from '../recommendation-rules/policy-of';
import { LiveSignals } from '../signals/live-signals';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';

export interface CatalogImportReport {
  readonly imported: number;
  readonly rejected: readonly CatalogRejection[];
  /** The catalog version this import made. */
  readonly version: number;
  /** Profiles decided again because a product they hold moved (stock, accessories). */
  readonly profilesRedecided: number;
}

/**
 * Keeps the valid rows, moves the catalog version on, swaps this instance's catalog, and
 * decides again every profile whose decisions the change can move: a product going out of stock
 * stops its retargeting (`out_of_stock`) and leaves every list, under the catalog change as cause.
 */
@Injectable()
export class ImportCatalogHandler {
  private readonly logger = new Logger(ImportCatalogHandler.name);

  constructor(
    private readonly store: CatalogStore,
    private readonly live: LiveCatalog,
    private readonly record: RecommendationRecord,
    private readonly outbox: DecisionOutbox,
    private readonly signals: LiveSignals,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {}

  async execute(read: ReadCatalog): Promise<CatalogImportReport> {
    const version = await this.store.upsert(read.products);
    const before = this.live.snapshot;
    const stored = await this.store.load();
    const after = new ProductCatalog(stored.products);
    this.live.replace(after, stored.version);
    const profilesRedecided = await this.redecide(productsToRedecide(before, after, read.products), `catalog-v${version}`);
    this.logger.log(`catalog v${version}: ${read.products.length} product(s) imported, ${read.rejected.length} row(s) rejected, ${profilesRedecided} profile(s) decided again`);
    return { imported: read.products.length, rejected: read.rejected, version, profilesRedecided };
  }

  /** Decides again the profiles holding the products, a page at a time; the count that moved. */
  async redecide(productIds: readonly string[], changeId: string): Promise<number> {
    const profileIds = await this.store.profilesWithAny(productIds);
    const at = new Date().toISOString();
    let moved = 0;
    for (let i = 0; i < profileIds.length; i += 200) {
      const page = profileIds.slice(i, i + 200);
      await this.record.update(page, (states) =>
        [...states].flatMap(([profileId, state]) => {
          const reaction = reactToChange(profileId, state, { catalog: this.live, signals: this.signals, policy: retargetingPolicyOf(this.settings), now: Date.now() }, { kind: 'catalog', id: changeId, at });
          if (reaction === null) return [];
          moved++;
          return [{ profileId, state: reaction.state, messages: reaction.messages, retiredInto: null, acceptedAt: new Map<string, number>() }];
        }),
      );
      await this.outbox.publishPending(page);
    }
    return moved;
  }
}
