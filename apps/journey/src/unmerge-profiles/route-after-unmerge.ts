import type { JourneyEntry } from '@touchpoint/journey-model';

/** What an applied unmerge says about entries addressed to its survivor. */
export interface UnmergeRouteView {
  readonly survivorProfileId: string;
  readonly restoredProfileId: string;
  readonly causedByMessageId: string;
  readonly causedByRestored: boolean;
  readonly originKeys: readonly string[];
}

/**
 * Where an entry addressed to `target` belongs once unmerges are taken into account: identity
 * resolved it before the unmerge, but it arrived under the restored side (the event that made
 * the merge, as identity placed it, or an identifier that went back), so it goes there. The
 * same rule as the re-fold at unmerge time, so the order of arrival does not matter.
 */
export function routeAfterUnmerge(target: string, entry: JourneyEntry, routes: readonly UnmergeRouteView[]): string {
  for (const route of routes) {
    if (route.survivorProfileId !== target) continue;
    if (entry.messageId === route.causedByMessageId) {
      if (route.causedByRestored) return route.restoredProfileId;
      continue;
    }
    if (entry.kind === 'event' && entry.origin.identifier !== null && route.originKeys.includes(entry.origin.identifier)) return route.restoredProfileId;
  }
  return target;
}
