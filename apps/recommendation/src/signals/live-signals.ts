import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { PeriodicTask } from '@touchpoint/service-runtime';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import type { SignalKind } from './co-occurrence';
import type { SimilarProducts } from './similar-products';
import { SignalStore, similarKey } from './signal-store';

/** How many similar products per product the snapshot keeps. */
const TOP_K = 20;

/**
 * The co-occurrence snapshot the rules read, reloaded every RECOMMENDATION_SIGNALS_REFRESH_MS:
 * a profile's list follows the signals on its own next change (or a list refresh), never on
 * every change of a global counter.
 */
@Injectable()
export class LiveSignals implements SimilarProducts, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveSignals.name);
  private readonly refresh: PeriodicTask;
  private snapshot = new Map<string, string[]>();
  private popularity = new Map<string, string[]>();

  constructor(
    private readonly store: SignalStore,
    @Inject(RECOMMENDATION_SETTINGS) settings: RecommendationSettings,
  ) {
    this.refresh = new PeriodicTask('signals refresh', settings.signalsRefreshMs, async () => {
      await this.reload();
      return false;
    }, this.logger);
  }

  similar(kind: SignalKind, productId: string, k: number): readonly string[] {
    return (this.snapshot.get(similarKey(kind, productId)) ?? []).slice(0, k);
  }

  popular(scope: string, k: number): readonly string[] {
    return (this.popularity.get(scope) ?? []).slice(0, k);
  }

  async reload(): Promise<void> {
    const now = Date.now();
    [this.snapshot, this.popularity] = await Promise.all([this.store.top(TOP_K, now), this.store.popular(TOP_K, now)]);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.refresh.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.refresh.stop();
  }
}
