import { applyEntry } from './apply-entry';
import type { JourneyDefinitions } from './definitions/journey-definitions.schema';
import { canonicalLog, type JourneyEntry } from './entries';
import { emptyJourneyState, type JourneyState } from './journey-state';

/**
 * THE definition of a profile's state: the log de-duplicated by messageId (preferredCopy),
 * sorted by (at, messageId), applied from the empty state. Any delivery order, duplicates,
 * merged logs and rebuilds all come down to this.
 */
export function foldJourney(profileId: string, entries: readonly JourneyEntry[], defs: JourneyDefinitions): JourneyState {
  let state = emptyJourneyState(profileId, defs);
  for (const entry of canonicalLog(entries)) state = applyEntry(state, entry, defs);
  return state;
}
