import { canonicalJson, deriveJourney, type JourneyDefinitions, type JourneyState, type JourneyView } from '@touchpoint/journey-model';
import type { JourneyTables } from './journey-tables';
import { conflictingTransitionIds, firstCopies, foldOfEvents, type TopicHistory, toldVersusFold } from './told-versus-fold';

/** Everything that differs between the journey's record and the fold of the topic; all empty when journey is right. */
export interface RecordVerdict {
  /** Stream profiles without exactly one live row holding a state, and rows of ids the stream never named. */
  readonly unexpectedRows: readonly string[];
  /** Profiles whose applied-entry log does not hold exactly one row per distinct messageId published. */
  readonly logMismatches: readonly { profileId: string; logged: number; published: number }[];
  /** How many stored states differ from the fold, and the first few of them in full. */
  readonly stateMismatchCount: number;
  readonly stateMismatches: readonly { profileId: string; stored: JourneyState | null; folded: JourneyState }[];
  readonly viewMismatches: readonly { profileId: string; stored: JourneyView | null; derived: JourneyView }[];
  readonly conflictingTransitionIds: readonly string[];
  /** Profiles whose transitions tell something the fold does not (see toldVersusFold). */
  readonly tellingProblems: readonly string[];
}

export const cleanVerdict: RecordVerdict = {
  unexpectedRows: [],
  logMismatches: [],
  stateMismatchCount: 0,
  stateMismatches: [],
  viewMismatches: [],
  conflictingTransitionIds: [],
  tellingProblems: [],
};

const SHOWN = 1;

/** Compares the state of record and what journey said, for every profile of the stream, with the fold of the events on the topic. */
export async function recordVerdict(profileIds: readonly string[], tables: JourneyTables, history: TopicHistory, definitions: JourneyDefinitions): Promise<RecordVerdict> {
  const rows = await tables.profiles();
  const logged = await tables.entriesPerProfile();
  const streamIds = new Set(profileIds);
  const live = new Map(rows.filter((row) => row.retiredInto === null && row.state !== null).map((row) => [row.profileId, row]));
  const rowCount = new Map<string, number>();
  for (const row of rows) rowCount.set(row.profileId, (rowCount.get(row.profileId) ?? 0) + 1);
  const unexpectedRows = [
    ...profileIds.filter((id) => rowCount.get(id) !== 1 || !live.has(id)).map((id) => `${id}: ${rowCount.get(id) ?? 0} row(s), ${live.has(id) ? 'live' : 'no live state'}`),
    ...rows.filter((row) => !streamIds.has(row.profileId)).map((row) => `${row.profileId}: a row the stream never named`),
  ];

  const logMismatches: { profileId: string; logged: number; published: number }[] = [];
  const stateMismatches: { profileId: string; stored: JourneyState | null; folded: JourneyState }[] = [];
  const viewMismatches: { profileId: string; stored: JourneyView | null; derived: JourneyView }[] = [];
  const conflicting: string[] = [];
  const tellingProblems: string[] = [];
  for (const profileId of profileIds) {
    const events = history.events.get(profileId) ?? [];
    const published = new Set(events.map((event) => event.event.messageId)).size;
    if ((logged.get(profileId) ?? 0) !== published) logMismatches.push({ profileId, logged: logged.get(profileId) ?? 0, published });

    const folded = foldOfEvents(profileId, events, definitions);
    const derived = deriveJourney(folded, definitions);
    const stored = live.get(profileId);
    if (canonicalJson(stored?.state ?? null) !== canonicalJson(folded)) stateMismatches.push({ profileId, stored: stored?.state ?? null, folded });
    if (canonicalJson(stored?.view ?? null) !== canonicalJson(derived)) viewMismatches.push({ profileId, stored: stored?.view ?? null, derived });

    const said = history.transitions.get(profileId) ?? [];
    conflicting.push(...conflictingTransitionIds(said));
    const problem = toldVersusFold(profileId, events, firstCopies(said), definitions);
    if (problem) tellingProblems.push(problem);
  }
  return {
    unexpectedRows,
    logMismatches,
    stateMismatchCount: stateMismatches.length,
    stateMismatches: stateMismatches.slice(0, SHOWN),
    viewMismatches: viewMismatches.slice(0, SHOWN),
    conflictingTransitionIds: conflicting,
    tellingProblems,
  };
}
