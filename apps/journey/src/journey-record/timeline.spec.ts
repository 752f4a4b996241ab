import { eventEntry } from '@touchpoint/journey-model';
import { viewed } from '../testing/events';
import { decodeCursor, encodeCursor } from './timeline';
import { timelinePage } from './timeline-page';

const origin = { profileId: '4a0b3f7e-3c1d-4a55-9a3e-1f2b3c4d5e6f', identifier: null };

describe('journey timeline', () => {
  it('round-trips its cursor and refuses anything else', () => {
    const cursor = { at: 1_764_000_000_000, order: 1 as const, id: '42' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ['nonsense', Buffer.from('[1,2,"x"]').toString('base64url'), Buffer.from('{"at":1}').toString('base64url')]) expect(decodeCursor(bad)).toBeNull();
  });

  it('merges touchpoints and transitions by time, touchpoints first at the same instant, and pages with a cursor', () => {
    const at = '2026-11-01T10:00:00.000Z';
    const entries = [eventEntry(viewed('m-b', 'p-2', at), origin), eventEntry(viewed('m-a', 'p-1', at), origin)];
    const transition = { seq: '7', body: { occurredAt: at, transitionId: 'jt-1', kind: 'changed', cause: { kind: 'event', id: 'm-b' }, after: null, products: [] } } as never;
    const page = timelinePage({ entries: [...entries].sort((x, y) => x.messageId.localeCompare(y.messageId)), transitions: [transition] }, 2);
    expect(page).toMatchObject({ kind: 'page', items: [{ type: 'touchpoint', messageId: 'm-a' }, { type: 'touchpoint', messageId: 'm-b' }] });
    const next = page.kind === 'page' ? page.next : null;
    expect(next && decodeCursor(next)).toEqual({ at: Date.parse(at), order: 0, id: 'm-b' });
  });
});
