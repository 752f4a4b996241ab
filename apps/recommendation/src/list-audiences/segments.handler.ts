import { Injectable } from '@nestjs/common';
import { spendTiers } from '@touchpoint/contracts';
import { withPooledConnection } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { type AudienceSize, audienceSizes, spendPyramid, type TierFigures } from './segments.sql';

export interface AudiencesResponse {
  readonly audiences: readonly AudienceSize[];
}

export interface PyramidResponse {
  /** From the top tier down, every tier listed (with zeros), per currency. */
  readonly tiers: readonly TierFigures[];
  readonly customers: number;
}

/** How marketers see their customers: audiences with their sizes, and the spend pyramid. */
@Injectable()
export class SegmentsHandler {
  constructor(private readonly dataSource: DataSource) {}

  audiences(): Promise<AudiencesResponse> {
    return withPooledConnection(this.dataSource, async (client) => ({ audiences: await audienceSizes(client) }));
  }

  async pyramid(): Promise<PyramidResponse> {
    const figures = await withPooledConnection(this.dataSource, (client) => spendPyramid(client));
    const currencies = [...new Set(figures.map((f) => f.currency))].sort();
    const tiers: TierFigures[] = [];
    for (const currency of currencies.length > 0 ? currencies : ['EUR']) {
      for (const tier of [...spendTiers].reverse()) {
        tiers.push(figures.find((f) => f.tier === tier && f.currency === currency) ?? { tier, currency, customers: 0, trailingSpend: 0 });
      }
    }
    return { tiers, customers: figures.reduce((sum, f) => sum + f.customers, 0) };
  }
}
