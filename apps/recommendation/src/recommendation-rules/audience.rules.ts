import type { JourneySummary } from '@touchpoint/contracts';
import { refusedAdvertising } from './consent.rules';

/**
 * The audiences journey put the profile in, sorted. Platforms target ads and campaigns at
 * audiences, so a customer who refused advertising is in none.
 */
export function audiencesOf(summary: JourneySummary | null): string[] {
  if (summary === null || refusedAdvertising(summary)) return [];
  return [...summary.audiences].sort();
}
