import {
  applyEntry,
  deriveJourney,
  emptyJourneyState,
  type JourneyDefinitions,
  type JourneyEntry,
  type JourneyState,
  type JourneyView,
  journeyVersions,
  nextDueAt,
  sortsAfterLast,
} from '@touchpoint/journey-model';
import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import { changedTransition, type TransitionCause } from './transition-of';

/** A profile row as read under its lock. */
export interface LockedProfile {
  readonly profileId: string;
  readonly state: JourneyState | null;
  /** The view consumers were last told about (the "before" of the next transition). */
  readonly view: JourneyView | null;
  readonly revision: number;
  readonly nextDueAt: number | null;
}

export interface SettledProfile {
  readonly profileId: string;
  readonly state: JourneyState;
  readonly view: JourneyView;
  readonly nextDueAt: number | null;
  readonly revision: number;
  readonly transition: JourneyTransitionV2 | null;
}

export function isCurrent(state: JourneyState, definitions: JourneyDefinitions): boolean {
  const current = journeyVersions(definitions);
  return state.versions.reducer === current.reducer && state.versions.definitions === current.definitions;
}

/**
 * The stored state with the accepted entries applied, when that equals a fold of the whole log:
 * the state is current, no stored copy was replaced by an earlier one, and every entry sorts
 * after the last one applied. Otherwise null: the caller re-folds from the log.
 */
export function applyInOrder(
  profileId: string,
  stored: JourneyState | null,
  accepted: readonly JourneyEntry[],
  anyReplaced: boolean,
  definitions: JourneyDefinitions,
): JourneyState | null {
  if (anyReplaced) return null;
  let state = stored ?? emptyJourneyState(profileId, definitions);
  if (!isCurrent(state, definitions)) return null;
  for (const entry of accepted) {
    if (!sortsAfterLast(state, entry)) return null;
    state = applyEntry(state, entry, definitions);
  }
  return state;
}

/** The cause a batch's transition names: its latest entry in journey order. */
export function causeOf(latest: JourneyEntry): TransitionCause {
  return { kind: latest.kind === 'tick' ? 'timer' : 'event', id: latest.messageId };
}

/** Derives the new view, the next timer and the transition against what consumers were last told. */
export function settle(
  profile: LockedProfile,
  state: JourneyState,
  cause: TransitionCause,
  definitions: JourneyDefinitions,
  mergedProfileIds: readonly string[] = [],
): SettledProfile {
  // The view last saved was derived from the state last saved: what did not change is taken over.
  const previous = profile.state && profile.view && isCurrent(profile.state, definitions) ? { state: profile.state, view: profile.view } : undefined;
  const view = deriveJourney(state, definitions, previous);
  return {
    profileId: profile.profileId,
    state,
    view,
    nextDueAt: nextDueAt(state, definitions),
    revision: profile.revision + 1,
    transition: changedTransition(state, profile.revision + 1, profile.view, view, cause, mergedProfileIds),
  };
}
