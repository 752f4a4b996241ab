/**
 * One broker's figures over several rounds, figure by figure: each number is the median of
 * that number across the rounds (so msgs/s and p99 may come from different rounds). On a
 * shared machine the load swings between rounds; alternating the brokers and taking medians
 * compares them under the same mix of contention.
 */
import { round } from './figures';
import { type BrokerFigures } from './run-workload';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Numbers become their median; objects are walked key by key; anything else is the first round's. */
function medianOf(values: readonly unknown[]): unknown {
  const [first] = values;
  if (typeof first === 'number') return round(median(values.map(Number)), 3);
  if (!isPlainObject(first) || !values.every(isPlainObject)) return first;
  return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(values.map((value) => (value as Record<string, unknown>)[key]))]));
}

export function medianFigures(rounds: readonly BrokerFigures[]): BrokerFigures {
  const [first] = rounds;
  if (!first) throw new Error('no rounds to take the median of');
  if (rounds.length === 1) return first;
  // medianOf keeps the shape of its input, and every round has the same shape.
  const figures = medianOf(rounds) as BrokerFigures;
  return {
    ...figures,
    broker: { ...first.broker, loadAverageAtStart: figures.broker.loadAverageAtStart },
    target: { ...first.target, met: figures.produce.msgsPerSec >= first.target.produceMsgsPerSec },
  };
}
