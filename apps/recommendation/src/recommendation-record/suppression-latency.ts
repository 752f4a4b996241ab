import { Injectable } from '@nestjs/common';
import { Histogram, register } from 'prom-client';

const purchaseStops = new Set(['purchased_online', 'purchased_in_store']);

interface PublishedMessage {
  readonly body: { readonly type: string; readonly reason?: string };
  /** Epoch ms, as Postgres returns a bigint: a string. */
  readonly accepted_at: string | null;
}

/**
 * From ingest accepting a purchase to the `retargeting.stopped` it caused being on the topic:
 * the promise Touchpoint makes marketers, as a histogram on the service's /metrics.
 */
@Injectable()
export class SuppressionLatency {
  private readonly histogram: Histogram =
    (register.getSingleMetric('touchpoint_suppression_latency_seconds') as Histogram | undefined) ??
    new Histogram({
      name: 'touchpoint_suppression_latency_seconds',
      help: 'From ingest accepting a purchase (any channel) to its retargeting.stopped published',
      labelNames: ['reason'],
      buckets: [0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
    });

  observe(published: readonly PublishedMessage[], now: number): void {
    for (const { body, accepted_at } of published) {
      if (body.type !== 'retargeting.stopped' || accepted_at === null || !purchaseStops.has(body.reason ?? '')) continue;
      this.histogram.observe({ reason: body.reason ?? 'unknown' }, Math.max(0, now - Number(accepted_at)) / 1_000);
    }
  }
}
