import { defs, definitionsWith, entryOf, fold, minutes, page, track } from '../testing/journey-fixtures';
import { applyEntry, JourneyRefoldRequiredError, sortsAfterLast } from './apply-entry';
import { tickEntry } from './entries';

describe('applyEntry', () => {
  const state = fold([page('/', minutes(5), { messageId: 'b' })]);

  it('applies only what sorts after the last entry: later time, or the same time and a larger messageId', () => {
    expect(sortsAfterLast(state, entryOf(page('/', minutes(5), { messageId: 'c' })))).toBe(true);
    expect(sortsAfterLast(state, entryOf(page('/', minutes(5), { messageId: 'a' })))).toBe(false);
    expect(sortsAfterLast(state, entryOf(page('/', minutes(5), { messageId: 'b' })))).toBe(false);
    expect(() => applyEntry(state, entryOf(page('/', minutes(4))), defs)).toThrow(JourneyRefoldRequiredError);
    expect(applyEntry(state, tickEntry(minutes(6)), defs)).toMatchObject({ clock: minutes(6), eventCount: 1, lastEntry: { at: minutes(6), messageId: `tick:${minutes(6)}` } });
  });

  it('asks for a refold when the state was folded under other definitions or another reducer', () => {
    const other = definitionsWith((json) => {
      json['version'] = '2027-01-01.1';
    });
    expect(() => applyEntry(state, tickEntry(minutes(6)), other)).toThrow(/refold|definitions 2026-12-01.1/);
    const older = { ...state, versions: { ...state.versions, reducer: 1 } };
    expect(() => applyEntry(older, tickEntry(minutes(6)), defs)).toThrow(JourneyRefoldRequiredError);
  });

  it('leaves the state it was given untouched', () => {
    const before = JSON.stringify(state);
    applyEntry(state, entryOf(track('Product Added', { product_id: 'jacket' }, minutes(6))), defs);
    expect(JSON.stringify(state)).toBe(before);
  });
});
