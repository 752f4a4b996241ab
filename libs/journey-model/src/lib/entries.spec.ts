import fc from 'fast-check';
import type { SegmentMessage } from '@touchpoint/contracts';
import { canonicalJson } from './canonical-json';
import { canonicalLog, compareEntries, contentHashOf, eventEntry, type JourneyEntry, preferredCopy, tickEntry } from './entries';
import { entryOf, minutes, PROFILE, track } from '../testing/journey-fixtures';

describe('journey entries', () => {
  it('hashes equal events equally whatever the order of their keys', () => {
    const a = track('Product Viewed', { product_id: 'jacket', price: 10, nested: { b: 1, a: [2, { y: 1, x: 2 }] } }, minutes(0), { messageId: 'm1' });
    const b = JSON.parse(JSON.stringify({ ...a, properties: { nested: { a: [2, { x: 2, y: 1 }], b: 1 }, price: 10, product_id: 'jacket' } })) as SegmentMessage;
    expect(contentHashOf(b)).toBe(contentHashOf(a));
    expect(contentHashOf({ ...a, properties: { ...a.properties, price: 11 } })).not.toBe(contentHashOf(a));
  });

  it('writes canonical JSON like JSON.stringify with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, Number.NaN, 'x'], d: new Date(0) })).toBe('{"b":1,"c":[null,null,"x"],"d":"1970-01-01T00:00:00.000Z"}');
  });

  it('builds plain JSON entries: an event entry at its skew-corrected time, a tick named by its time', () => {
    const entry = entryOf(track('Product Viewed', { product_id: 'jacket' }, minutes(5), { messageId: 'm1' }));
    expect(entry).toMatchObject({ kind: 'event', messageId: 'm1', at: minutes(5), origin: { profileId: PROFILE, identifier: 'anon-1' } });
    expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
    expect(tickEntry(minutes(7))).toEqual({ kind: 'tick', messageId: `tick:${minutes(7)}`, at: minutes(7) });
  });

  it('sorts by time, then by messageId', () => {
    const late = tickEntry(minutes(2));
    const a = entryOf(track('Product Viewed', {}, minutes(1), { messageId: 'a' }));
    const b = entryOf(track('Product Viewed', {}, minutes(1), { messageId: 'b' }));
    expect([late, b, a].sort(compareEntries).map((entry) => entry.messageId)).toEqual(['a', 'b', late.messageId]);
  });

  it('prefers the earliest copy, then the smallest content hash, then the smallest origin', () => {
    const event = track('Product Viewed', { product_id: 'jacket' }, minutes(1), { messageId: 'dup' });
    const early = entryOf(event);
    const late = entryOf({ ...event, timestamp: new Date(minutes(1) + 3).toISOString() });
    expect(preferredCopy(late, early)).toBe(early);
    const other = entryOf({ ...event, receivedAt: new Date(minutes(2)).toISOString() });
    const smaller = [early, other].sort((x, y) => (x.kind === 'event' && y.kind === 'event' && x.contentHash < y.contentHash ? -1 : 1))[0];
    expect(preferredCopy(early, other)).toBe(smaller);
    expect(preferredCopy(other, early)).toBe(smaller);
    const elsewhere = eventEntry(event, { profileId: 'another-profile', identifier: null });
    expect(preferredCopy(early, elsewhere)).toEqual(preferredCopy(elsewhere, early));
  });

  it('chooses copies commutatively, associatively and idempotently', () => {
    const base = track('Product Viewed', { product_id: 'jacket' }, minutes(1), { messageId: 'dup' });
    const copy = fc.record({ shift: fc.integer({ min: 0, max: 3 }), note: fc.integer({ min: 0, max: 3 }), origin: fc.constantFrom('p1', 'p2') }).map(({ shift, note, origin }): JourneyEntry =>
      eventEntry({ ...base, timestamp: new Date(minutes(1) + shift).toISOString(), properties: { ...base.properties, note } }, { profileId: origin, identifier: null }),
    );
    fc.assert(
      fc.property(copy, copy, copy, (a, b, c) => {
        expect(preferredCopy(a, b)).toEqual(preferredCopy(b, a));
        expect(preferredCopy(preferredCopy(a, b), c)).toEqual(preferredCopy(a, preferredCopy(b, c)));
        expect(preferredCopy(a, a)).toEqual(a);
        expect(canonicalLog([a, b, c])).toEqual(canonicalLog([c, a, b]));
      }),
    );
  });
});
