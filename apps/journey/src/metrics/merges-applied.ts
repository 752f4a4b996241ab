import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '@touchpoint/service-runtime';
import type { Counter } from 'prom-client';
import type { RecordedChange } from '../journey-record/journey-record';

export type ProfileChangeKind = 'merge' | 'unmerge';

/**
 * Merges and unmerges journey applied to its state, as
 * `touchpoint_journey_merges_applied_total{kind}`. A redelivered one changes nothing and is
 * not counted, so beside identity's merge counter this shows whether journey keeps up.
 * Without `Metrics` (a spec's bare module) nothing is counted.
 */
@Injectable()
export class MergesApplied {
  private readonly counter: Counter<'kind'> | null;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(@Optional() @Inject(Metrics) metrics?: Metrics) {
    this.counter = metrics?.counter('touchpoint_journey_merges_applied_total', 'profile merges and unmerges applied to journey state', { labelNames: ['kind'] }) ?? null;
    for (const kind of ['merge', 'unmerge'] as const) this.counter?.inc({ kind }, 0);
  }

  record(kind: ProfileChangeKind, change: RecordedChange): void {
    if (change.saved.length > 0 || change.gone.length > 0) this.counter?.inc({ kind });
  }
}
