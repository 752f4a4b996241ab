import type { Channel, WebshopStep } from '@touchpoint/contracts';
import type { JourneyState, VisitChannel } from './journey-state';

/** A touchpoint as the HTTP timeline shows it. */
export interface Touchpoint {
  readonly at: string;
  readonly channel: Channel;
  readonly storeId: string | null;
  readonly page: string | null;
  readonly event: string;
  readonly messageId: string;
}

/** A visit as the HTTP timeline shows it. */
export interface Visit {
  readonly startedAt: string;
  readonly lastAt: string;
  readonly channel: VisitChannel;
  readonly step: WebshopStep;
  readonly events: number;
}

const iso = (at: number): string => new Date(at).toISOString();

/** The latest touchpoints, newest first. */
export function touchpointsOf(state: JourneyState): readonly Touchpoint[] {
  return state.touchpoints.map((touchpoint) => ({ ...touchpoint, at: iso(touchpoint.at) })).reverse();
}

/** The latest visits, newest first. */
export function visitsOf(state: JourneyState): readonly Visit[] {
  return state.visits.map((visit) => ({ startedAt: iso(visit.startedAt), lastAt: iso(visit.lastAt), channel: visit.channel, step: visit.step, events: visit.events })).reverse();
}
