import { emptyJourneyState } from '@touchpoint/journey-model';
import { SeedCatalog } from '../catalog/seed-catalog';
import { facts } from '../testing/facts';
import { InMemoryJourneyProfiles, InMemoryPublishedRecommendations, RecordingRecommendationPublisher } from '../testing/in-memory-ports';
import { transition } from '../testing/transitions';
import { ApplyTransitionCommand } from './apply-transition.command';
import { ApplyTransitionHandler } from './apply-transition.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('ApplyTransitionHandler', () => {
  let profiles: InMemoryJourneyProfiles;
  let published: InMemoryPublishedRecommendations;
  let publisher: RecordingRecommendationPublisher;
  let handler: ApplyTransitionHandler;
  const apply = (causedBy: string, products: Parameters<typeof transition>[2]) => handler.execute(new ApplyTransitionCommand(transition(PROFILE, causedBy, products)));

  beforeEach(() => {
    profiles = new InMemoryJourneyProfiles();
    published = new InMemoryPublishedRecommendations();
    publisher = new RecordingRecommendationPublisher();
    handler = new ApplyTransitionHandler(profiles, published, publisher, new SeedCatalog());
  });

  it('starts, then stops with the purchase channel and recommends accessories, remembering what it told', async () => {
    await apply('m-cart', { 'jacket-42': facts({ cartedAt: 1 }) });
    expect(published.told.get(PROFILE)?.retargeting).toEqual(['jacket-42']);
    await apply('m-order', { 'jacket-42': facts({ cartedAt: 1, purchasedInStoreAt: 2 }) });
    expect(publisher.sent.map((m) => m.id)).toEqual([
      `retargeting.started:${PROFILE}:jacket-42:m-cart`,
      `retargeting.stopped:${PROFILE}:jacket-42:m-order`,
      `recommendations.updated:${PROFILE}:m-order`,
    ]);
    expect(publisher.sent[1]).toMatchObject({ reason: 'purchased_in_store' });
    expect(published.told.get(PROFILE)?.recommendations.map((item) => item.productId)).toEqual(['gloves-7', 'scarf-3', 'beanie-9']);
  });

  it('sends nothing for a transition that changes no decision, or that is delivered again', async () => {
    await apply('m-cart', { 'jacket-42': facts({ cartedAt: 1 }) });
    await apply('m-cart', { 'jacket-42': facts({ cartedAt: 1 }) });
    // Journey saved the cart before it published the next transition.
    profiles.states.set(PROFILE, { ...emptyJourneyState(PROFILE), products: { 'jacket-42': facts({ cartedAt: 1 }) } });
    await apply('m-view', { 'boots-11': facts({ viewedAt: 2 }) });
    expect(publisher.sent).toHaveLength(1);
  });

  it('keeps the products the transition is not about from the journey cache, and its own products from the transition', async () => {
    // The cache already knows the boots were bought, and (ahead of this transition) that the jacket was too.
    profiles.states.set(PROFILE, {
      ...emptyJourneyState(PROFILE),
      products: { 'boots-11': facts({ purchasedOnlineAt: 1 }), 'jacket-42': facts({ cartedAt: 2, purchasedOnlineAt: 3 }) },
    });
    const messages = await apply('m-cart', { 'jacket-42': facts({ cartedAt: 2 }) });
    expect(messages.map((m) => m.type)).toEqual(['retargeting.started', 'recommendations.updated']);
    const updated = messages[1];
    expect(updated.type === 'recommendations.updated' ? updated.items.map((i) => i.becauseOf) : []).toEqual(['boots-11', 'boots-11']);
  });

  it('does not record what it failed to send, so the redelivered transition sends it', async () => {
    publisher.failNext = new Error('broker down');
    await expect(apply('m-cart', { 'jacket-42': facts({ cartedAt: 1 }) })).rejects.toThrow('broker down');
    expect(published.told.has(PROFILE)).toBe(false);
    await apply('m-cart', { 'jacket-42': facts({ cartedAt: 1 }) });
    expect(publisher.sent.map((m) => m.type)).toEqual(['retargeting.started']);
  });

  it('tells platforms to clear the accessories after a return', async () => {
    await apply('m-order', { 'jacket-42': facts({ purchasedInStoreAt: 1 }) });
    const messages = await apply('m-return', { 'jacket-42': facts({ purchasedInStoreAt: 1, returnedAt: 2 }) });
    expect(messages).toEqual([expect.objectContaining({ type: 'recommendations.updated', items: [], id: `recommendations.updated:${PROFILE}:m-return` })]);
  });
});
