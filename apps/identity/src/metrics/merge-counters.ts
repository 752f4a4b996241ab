import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '@touchpoint/service-runtime';
import type { Counter } from 'prom-client';
import type { MergeRecord } from '../domain/identity-graph';
import type { RefusedMerge } from '../domain/resolution-plan';

/**
 * Identity's decisions on /metrics: merges by the identifier type that linked the profiles,
 * refused merges by reason, unmerges. Counted where the decision is announced, so an event
 * delivered twice (a crash between commit and publish) counts its merges twice: rare, and
 * the announcement is repeated too. Without `Metrics` (a spec's bare module) nothing is counted.
 */
@Injectable()
export class MergeCounters {
  private readonly merges: Counter<'reason'> | null;
  private readonly refusals: Counter<'reason'> | null;
  private readonly unmerges: Counter | null;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(@Optional() @Inject(Metrics) metrics?: Metrics) {
    this.merges = metrics?.counter('touchpoint_identity_merges_total', 'profiles merged, by the identifier type that linked them', { labelNames: ['reason'] }) ?? null;
    this.refusals = metrics?.counter('touchpoint_identity_merge_refusals_total', 'merges the rules or an unmerge refused, by reason', { labelNames: ['reason'] }) ?? null;
    this.unmerges = metrics?.counter('touchpoint_identity_unmerges_total', 'merges undone') ?? null;
    // Present from the start, so dashboards and alerts see 0 rather than no series.
    this.unmerges?.inc(0);
  }

  merged(merges: readonly Pick<MergeRecord, 'reason'>[]): void {
    for (const merge of merges) this.merges?.inc({ reason: merge.reason });
  }

  refused(refusals: readonly Pick<RefusedMerge, 'reason'>[]): void {
    for (const refusal of refusals) this.refusals?.inc({ reason: refusal.reason });
  }

  unmerged(): void {
    this.unmerges?.inc();
  }
}
