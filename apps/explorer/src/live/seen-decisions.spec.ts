import type { DecisionView } from '../explorer-api/explorer-api';
import { SeenDecisions } from './seen-decisions';

const decision = (id: string): DecisionView => ({
  id,
  type: 'retargeting.stopped',
  productId: 'jacket-42',
  reason: 'purchased_in_store',
  occurredAt: '2026-01-01T00:00:00.000Z',
  toldAt: null,
  transitionId: 't-1',
  cause: { kind: 'event', id: 'm-1' },
  items: [],
});

describe('SeenDecisions', () => {
  it('keeps one copy of a redelivered decision, in arrival order', () => {
    const seen = new SeenDecisions();
    seen.add('p', decision('a'));
    seen.add('p', decision('b'));
    seen.add('p', decision('a'));
    expect(seen.of('p').map((d) => d.id)).toEqual(['a', 'b']);
    expect(seen.of('other')).toEqual([]);
  });

  it('drops the oldest decisions of a profile and the profile told least recently', () => {
    const seen = new SeenDecisions({ perProfile: 2, profiles: 2 });
    seen.add('p', decision('a'));
    seen.add('p', decision('b'));
    seen.add('p', decision('c'));
    expect(seen.of('p').map((d) => d.id)).toEqual(['b', 'c']);
    seen.add('q', decision('x'));
    seen.add('p', decision('d'));
    seen.add('r', decision('y'));
    expect(seen.of('q')).toEqual([]);
    expect(seen.of('p').map((d) => d.id)).toEqual(['c', 'd']);
    expect(seen.of('r').map((d) => d.id)).toEqual(['y']);
  });
});
