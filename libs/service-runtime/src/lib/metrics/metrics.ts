import { Counter, Gauge, Histogram, type Metric, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds, from a cache hit to a slow transaction. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface InstrumentOptions<L extends string> {
  readonly labelNames?: readonly L[];
}

/**
 * The metrics of one service process, served on `/metrics` in Prometheus' text format. Every
 * series carries `service`. Instruments are created on first use and shared by name, so two
 * modules asking for the same counter get the same one; asking again with another kind or
 * other labels is a programming error and throws.
 *
 * ```ts
 * constructor(metrics: Metrics) {
 *   this.latency = metrics.histogram('touchpoint_store_purchase_to_suppression_seconds', 'store purchase accepted to retargeting.stopped published', { buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5] });
 * }
 * this.latency.observe(seconds);
 * ```
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = never>(name: string, help: string, options: InstrumentOptions<L> = {}): Counter<L> {
    return this.reuse(name, Counter, options.labelNames) ?? new Counter<L>({ name, help, labelNames: options.labelNames ?? [], registers: [this.registry] });
  }

  histogram<L extends string = never>(name: string, help: string, options: InstrumentOptions<L> & { readonly buckets?: readonly number[] } = {}): Histogram<L> {
    return (
      this.reuse(name, Histogram, options.labelNames) ??
      new Histogram<L>({ name, help, labelNames: options.labelNames ?? [], buckets: [...(options.buckets ?? LATENCY_BUCKETS_SECONDS)], registers: [this.registry] })
    );
  }

  /** `collect` runs at every scrape: for values that are read, not counted (lag, waiting partitions). */
  gauge<L extends string = never>(name: string, help: string, options: InstrumentOptions<L> & { readonly collect?: (gauge: Gauge<L>) => void } = {}): Gauge<L> {
    const existing = this.reuse(name, Gauge, options.labelNames);
    if (existing) return existing;
    const { collect } = options;
    return new Gauge<L>({
      name,
      help,
      labelNames: options.labelNames ?? [],
      registers: [this.registry],
      ...(collect ? { collect(this: Gauge<L>) { collect(this); } } : {}),
    });
  }

  /** The text Prometheus scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private reuse<M extends Metric>(name: string, kind: abstract new (...args: never[]) => M, labelNames: readonly string[] | undefined): M | undefined {
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return undefined;
    const labels = (existing as unknown as { labelNames: readonly string[] }).labelNames;
    if (!(existing instanceof kind) || labels.join(',') !== (labelNames ?? []).join(',')) {
      throw new Error(`metric ${name} exists with another kind or other labels (${labels.join(',')})`);
    }
    return existing;
  }
}
