import { SeedCatalog } from '../catalog/seed-catalog';
import { unknownProfileState } from '../recommendation-view/recommendation-state';
import { boughtInStore, carted } from '../testing/journey-view';
import { changed } from '../testing/transitions';
import { decideBatch } from './decide-batch';

const A = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const B = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const catalog = new SeedCatalog();

describe('decideBatch', () => {
  it("decides each profile's transitions in order, keeps each message's accept time, and leaves out erased profiles", () => {
    const cart = changed(A, 'm-1', { 'jacket-42': carted() });
    const sale = changed(A, 'm-2', { 'jacket-42': boughtInStore('2025-03-01T10:00:00.000Z') });
    const other = changed(B, 'm-3', { 'jacket-42': carted() });
    const decided = decideBatch(
      [
        { transition: cart, acceptedAt: 2_000 },
        { transition: other, acceptedAt: 1_000 },
        { transition: sale, acceptedAt: 3_000 },
      ],
      new Map([[A, unknownProfileState]]),
      { catalog },
    );
    expect(decided.map((d) => d.profileId)).toEqual([A]);
    expect(decided[0].messages.map((m) => m.type)).toEqual(['retargeting.started', 'retargeting.stopped', 'recommendations.updated']);
    expect([...decided[0].acceptedAt.values()]).toEqual([2_000, 3_000, 3_000]);
    expect(decided[0].state.told.retargeting).toEqual([]);
  });

  it('leaves out a profile nothing moved for (a redelivery)', () => {
    const cart = changed(A, 'm-1', { 'jacket-42': carted() });
    const [first] = decideBatch([{ transition: cart, acceptedAt: null }], new Map([[A, unknownProfileState]]), { catalog });
    expect(decideBatch([{ transition: cart, acceptedAt: null }], new Map([[A, first.state]]), { catalog })).toEqual([]);
  });
});
