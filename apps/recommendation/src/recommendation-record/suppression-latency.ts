import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '@touchpoint/service-runtime';
import type { Histogram } from 'prom-client';

const purchaseStops = new Set(['purchased_online', 'purchased_in_store']);

interface PublishedMessage {
  readonly body: { readonly type: string; readonly reason?: string };
  /** Epoch ms, as Postgres returns a bigint: a string. */
  readonly accepted_at: string | null;
}

/**
 * From ingest accepting a purchase to the `retargeting.stopped` it caused being on the topic:
 * the promise Touchpoint makes marketers, as a histogram on the service's /metrics. Without
 * `Metrics` in the app (a spec's bare module) nothing is recorded.
 */
@Injectable()
export class SuppressionLatency {
  private readonly histogram: Histogram<'reason'> | null;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(@Optional() @Inject(Metrics) metrics?: Metrics) {
    this.histogram =
      metrics?.histogram('touchpoint_suppression_latency_seconds', 'From ingest accepting a purchase (any channel) to its retargeting.stopped published', {
        labelNames: ['reason'],
        buckets: [0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
      }) ?? null;
  }

  observe(published: readonly PublishedMessage[], now: number): void {
    if (this.histogram === null) return;
    for (const { body, accepted_at } of published) {
      if (body.type !== 'retargeting.stopped' || accepted_at === null || !purchaseStops.has(body.reason ?? '')) continue;
      this.histogram.observe({ reason: body.reason ?? 'unknown' }, Math.max(0, now - Number(accepted_at)) / 1_000);
    }
  }
}
