import type { Counter } from 'prom-client';
import type { Metrics } from './metrics';

export type CacheResult = 'hit' | 'miss' | 'error';

const RESULTS: readonly CacheResult[] = ['hit', 'miss', 'error'];

/**
 * Lookups of one cache, as `touchpoint_cache_requests_total{cache,result}`: the hit ratio is
 * hits over all requests, computed where it is shown, so instances add up. An error is a
 * lookup the cache could not answer and the caller answered another way. Every result of the
 * cache starts at 0, so a ratio panel has its series before the first miss or error. Without
 * `Metrics` (a spec's bare module) nothing is recorded.
 */
export class CacheRequests {
  private readonly counter: Counter<'cache' | 'result'> | null;

  constructor(
    metrics: Metrics | undefined,
    readonly cache: string,
  ) {
    this.counter =
      metrics?.counter('touchpoint_cache_requests_total', 'cache lookups by cache and result (hit, miss, error)', { labelNames: ['cache', 'result'] }) ?? null;
    for (const result of RESULTS) this.counter?.inc({ cache, result }, 0);
  }

  record(result: CacheResult, count = 1): void {
    if (count > 0) this.counter?.inc({ cache: this.cache, result }, count);
  }

  hit(count = 1): void {
    this.record('hit', count);
  }

  miss(count = 1): void {
    this.record('miss', count);
  }

  error(count = 1): void {
    this.record('error', count);
  }
}
