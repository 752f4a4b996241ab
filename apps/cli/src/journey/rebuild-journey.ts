import type { ResolvedEvent } from '@touchpoint/contracts';
import {
  applyEntry,
  canonicalLog,
  deriveJourney,
  diffViews,
  emptyJourneyState,
  eventEntry,
  type JourneyDefinitions,
  type JourneyEntry,
  type JourneyState,
  type JourneyView,
  type JourneyViewChange,
  nextDueAt,
  tickEntry,
} from '@touchpoint/journey-model';

/** One step of the rebuilt journey that changed what consumers are told. */
export interface RebuiltTransition {
  readonly at: number;
  /** The event's messageId, or `tick:<ms>` for a timer. */
  readonly cause: string;
  readonly event: ResolvedEvent['event'] | null;
  readonly before: JourneyView | null;
  readonly after: JourneyView;
  readonly change: JourneyViewChange;
}

export interface RebuiltJourney {
  readonly state: JourneyState;
  readonly view: JourneyView;
  readonly transitions: readonly RebuiltTransition[];
}

/**
 * The journey as the service defines it: the profile's log (events of the survivor and of
 * every id merged into it, one copy per messageId, in canonical order) applied from the empty
 * state with the service's own reducer, and the timers the service fires (each at its due
 * time, while due before the next entry and not after `horizon`) in between.
 */
export function rebuildJourney(profileId: string, events: readonly ResolvedEvent[], defs: JourneyDefinitions, horizon: number): RebuiltJourney {
  // The origin only breaks ties between identical copies of one event: it cannot change the state.
  const log = canonicalLog(events.map((resolved) => eventEntry(resolved.event, { profileId: resolved.profileId, identifier: null })));
  const byId = new Map(events.map((resolved) => [resolved.event.messageId, resolved.event]));
  let state = emptyJourneyState(profileId, defs);
  let view: JourneyView | null = null;
  const transitions: RebuiltTransition[] = [];

  const apply = (entry: JourneyEntry): void => {
    const previous = view === null ? undefined : { state, view };
    state = applyEntry(state, entry, defs);
    const next = deriveJourney(state, defs, previous);
    const change = diffViews(view, next);
    if (change) transitions.push({ at: entry.at, cause: entry.messageId, event: byId.get(entry.messageId) ?? null, before: view, after: next, change });
    view = next;
  };
  const ticksUntil = (limit: number): void => {
    for (let due = nextDueAt(state, defs); due !== null && due < limit && due <= horizon; due = nextDueAt(state, defs)) apply(tickEntry(due));
  };

  for (const entry of log) {
    if (entry.at > horizon) break;
    ticksUntil(entry.at);
    apply(entry);
  }
  ticksUntil(Number.POSITIVE_INFINITY);
  return { state, view: view ?? deriveJourney(state, defs), transitions };
}
