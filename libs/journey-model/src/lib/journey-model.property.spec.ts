import fc from 'fast-check';
import { journeySummarySchema, productStatusSchema } from '@touchpoint/contracts';
import { defs } from '../testing/journey-fixtures';
import { journeyLog, origins, shiftedCopy, shuffled } from '../testing/journey-arbitraries';
import { applyEntry, sortsAfterLast } from './apply-entry';
import { deriveJourney } from './derive';
import { canonicalLog, type JourneyEntry, preferredCopy } from './entries';
import { foldJourney } from './fold-journey';
import { emptyJourneyState, type JourneyState } from './journey-state';

const SURVIVOR = origins[0];
const fold = (entries: readonly JourneyEntry[]): JourneyState => foldJourney(SURVIVOR, entries, defs);
const seed = fc.integer();

/** Extra copies of some messageIds, a few ms earlier or later and with other content. */
const withDuplicates = journeyLog.chain((log) =>
  fc.record({
    log: fc.constant(log),
    copies: fc.array(fc.record({ index: fc.nat(), shift: fc.integer({ min: -3, max: 3 }), note: fc.nat(9) }), { maxLength: 12 }),
  }).map(({ log: entries, copies }) => ({
    log: entries,
    extra: entries.length === 0 ? [] : copies.map(({ index, shift, note }) => shiftedCopy(entries[index % entries.length], shift, note)),
  })),
);

/** What a service that keeps the log and applies in place when it can, refolding otherwise, ends with. */
function simulateService(arrivals: readonly JourneyEntry[]): JourneyState {
  const log = new Map<string, JourneyEntry>();
  let state = emptyJourneyState(SURVIVOR, defs);
  for (const entry of arrivals) {
    const kept = log.get(entry.messageId);
    const preferred = kept === undefined ? entry : preferredCopy(kept, entry);
    if (preferred === kept) continue;
    log.set(entry.messageId, preferred);
    state = kept === undefined && sortsAfterLast(state, entry) ? applyEntry(state, entry, defs) : fold([...log.values()]);
  }
  return state;
}

describe('journey model properties', () => {
  it('folds to the same state and view for any order of the log', () => {
    fc.assert(
      fc.property(journeyLog, seed, (log, permutation) => {
        const state = fold(log);
        expect(fold(shuffled(log, permutation))).toEqual(state);
        const view = deriveJourney(state, defs);
        expect(deriveJourney(fold(shuffled(log, permutation + 1)), defs)).toEqual(view);
        // Plain JSON, and within the transition contract.
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        journeySummarySchema.parse(view.summary);
        for (const status of Object.values(view.products)) productStatusSchema.parse(status);
      }),
    );
  });

  it('gives duplicates, shifted by a few ms and with other content, the state of each id\'s preferred copy', () => {
    fc.assert(
      fc.property(withDuplicates, seed, ({ log, extra }, permutation) => {
        const preferred = new Map<string, JourneyEntry>();
        for (const entry of [...log, ...extra]) {
          const kept = preferred.get(entry.messageId);
          preferred.set(entry.messageId, kept === undefined ? entry : preferredCopy(kept, entry));
        }
        const expected = fold([...preferred.values()]);
        expect(fold(shuffled([...log, ...extra], permutation))).toEqual(expected);
        expect(deriveJourney(fold(shuffled([...extra, ...log], permutation)), defs)).toEqual(deriveJourney(expected, defs));
      }),
    );
  });

  it('applies incrementally to the state of the full fold, for any arrival order', () => {
    fc.assert(
      fc.property(withDuplicates, seed, ({ log, extra }, permutation) => {
        const arrivals = shuffled([...log, ...extra], permutation);
        const full = fold(arrivals);
        const incremental = simulateService(arrivals);
        expect(incremental).toEqual(full);
        expect(deriveJourney(incremental, defs)).toEqual(deriveJourney(full, defs));
      }),
    );
  });

  it('derives the same view when handed any earlier derivation of the profile', () => {
    fc.assert(
      fc.property(journeyLog, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), (log, pairs) => {
        const sorted = canonicalLog(log);
        const states = [emptyJourneyState(SURVIVOR, defs)];
        for (const entry of sorted) states.push(applyEntry(states[states.length - 1], entry, defs));
        // The service's case: each state derived with the one before it.
        for (let i = 1; i < states.length; i++) {
          const previous = { state: states[i - 1], view: deriveJourney(states[i - 1], defs) };
          expect(deriveJourney(states[i], defs, previous)).toEqual(deriveJourney(states[i], defs));
        }
        // After a refold the previous derivation may be any state of the profile, earlier or later.
        for (const [from, to] of pairs) {
          const earlier = states[from % states.length];
          const current = states[to % states.length];
          expect(deriveJourney(current, defs, { state: earlier, view: deriveJourney(earlier, defs) })).toEqual(deriveJourney(current, defs));
        }
      }),
    );
  });

  it('merges logs the same for any grouping and order, with duplicates across them', () => {
    const logs = withDuplicates.map(({ log, extra }) => {
      // Split one history over three profiles' logs, each id possibly in several logs.
      const parts: JourneyEntry[][] = [[], [], []];
      [...log, ...extra].forEach((entry, index) => {
        parts[index % 3].push(entry);
        if (index % 4 === 0) parts[(index + 1) % 3].push(entry);
      });
      return parts;
    });
    fc.assert(
      fc.property(logs, seed, ([a, b, c], permutation) => {
        const union = (...parts: (readonly JourneyEntry[])[]): JourneyEntry[] => canonicalLog(parts.flat());
        const left = fold(union(union(a, b), c));
        expect(fold(union(a, union(b, c)))).toEqual(left);
        expect(fold(union(union(c, a), b))).toEqual(left);
        expect(fold(shuffled([...c, ...b, ...a], permutation))).toEqual(left);
        expect(deriveJourney(fold(union(b, union(c, a))), defs)).toEqual(deriveJourney(left, defs));
      }),
    );
  });
});
