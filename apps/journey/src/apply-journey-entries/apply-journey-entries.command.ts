import type { IncomingEntry } from '../journey-record/journey-record';

/** Append entries (resolved events or timer ticks) to their profiles' logs and fold them, as one transaction. */
export class ApplyJourneyEntriesCommand {
  constructor(readonly entries: readonly IncomingEntry[]) {}
}
