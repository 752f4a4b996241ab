import { deriveJourney, eventEntry, foldJourney, journeyVersions } from '@touchpoint/journey-model';
import { testDefinitions } from '../testing/test-definitions';
import { carted, storeSale } from '../testing/events';
import { changedTransition, retiredTransition } from './transition-of';

const definitions = testDefinitions();
const PROFILE = '4a0b3f7e-3c1d-4a55-9a3e-1f2b3c4d5e6f';
const SURVIVOR = '9b1c2d3e-4f5a-4b6c-8d7e-0a1b2c3d4e5f';
const origin = { profileId: PROFILE, identifier: null };

const cart = eventEntry(carted('m-cart', 'jacket-42', '2026-11-01T10:00:00.000Z'), origin);
const sale = eventEntry(storeSale('m-sale', 'jacket-42', '2026-11-01T10:05:00.000Z'), origin);
const carting = foldJourney(PROFILE, [cart], definitions);
const bought = foldJourney(PROFILE, [cart, sale], definitions);

describe('journey transitions', () => {
  it('says nothing when the view did not move', () => {
    const view = deriveJourney(carting, definitions);
    expect(changedTransition(carting, 3, view, view, { kind: 'event', id: 'm-again' })).toBeNull();
  });

  it('carries before and after of the changed products, with an id that is a function of the content', () => {
    const before = deriveJourney(carting, definitions);
    const after = deriveJourney(bought, definitions);
    const transition = changedTransition(bought, 4, before, after, { kind: 'event', id: 'm-sale' });
    expect(transition?.products).toEqual([{ productId: 'jacket-42', before: before.products['jacket-42'], after: after.products['jacket-42'] }]);
    expect(transition?.before?.stage).toBe('consideration');
    expect(transition?.after?.stage).toBe('action');
    expect(changedTransition(bought, 4, before, after, { kind: 'event', id: 'm-sale' })?.transitionId).toBe(transition?.transitionId);
    // Another cause, or another starting point, is other content: another id.
    expect(changedTransition(bought, 4, before, after, { kind: 'event', id: 'm-other' })?.transitionId).not.toBe(transition?.transitionId);
    expect(changedTransition(bought, 4, null, after, { kind: 'event', id: 'm-sale' })?.transitionId).not.toBe(transition?.transitionId);
  });

  it('announces a merge for the survivor even when its own view did not move', () => {
    const view = deriveJourney(bought, definitions);
    const transition = changedTransition(bought, 5, view, view, { kind: 'merge', id: 'merge-1' }, [SURVIVOR]);
    expect(transition).toMatchObject({ kind: 'changed', mergedProfileIds: [SURVIVOR], products: [] });
  });

  it('retires a merged-away id with every product it had going away', () => {
    const view = deriveJourney(bought, definitions);
    const transition = retiredTransition(PROFILE, 6, SURVIVOR, { view, clock: bought.clock, versions: bought.versions }, journeyVersions(definitions), { kind: 'merge', id: 'merge-1' }, Date.parse('2026-11-02T00:00:00Z'));
    expect(transition).toMatchObject({ kind: 'retired', survivorProfileId: SURVIVOR, after: null, before: view.summary });
    expect(transition.products).toEqual([{ productId: 'jacket-42', before: view.products['jacket-42'], after: null }]);
  });
});
