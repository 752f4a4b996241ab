import { SeedCatalog } from '../catalog/seed-catalog';
import { boughtInStore, carted, returned, status, summary } from '../testing/journey-view';
import { InMemoryRecommendationStates, RecordingRecommendationPublisher } from '../testing/in-memory-ports';
import { changed } from '../testing/transitions';
import { ApplyTransitionCommand } from './apply-transition.command';
import { ApplyTransitionHandler } from './apply-transition.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const bought = boughtInStore('2025-03-03T10:00:00.000Z');

describe('ApplyTransitionHandler', () => {
  let states: InMemoryRecommendationStates;
  let publisher: RecordingRecommendationPublisher;
  let handler: ApplyTransitionHandler;
  const apply = (transition: ReturnType<typeof changed>) => handler.execute(new ApplyTransitionCommand(transition));

  beforeEach(() => {
    states = new InMemoryRecommendationStates();
    publisher = new RecordingRecommendationPublisher();
    handler = new ApplyTransitionHandler(states, publisher, new SeedCatalog());
  });

  it('starts, then stops with the purchase channel and recommends accessories, keeping its view and what it told', async () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    await apply(cart);
    expect(states.states.get(PROFILE)?.told.retargeting).toEqual(['jacket-42']);
    const order = changed(PROFILE, 'm-order', { 'jacket-42': bought }, { summary: summary({ stage: 'action' }), occurredAt: '2025-03-03T10:00:00.000Z' });
    await apply(order);
    expect(publisher.sent.map((m) => m.id)).toEqual([
      `retargeting.started:${PROFILE}:jacket-42:${cart.transitionId}`,
      `retargeting.stopped:${PROFILE}:jacket-42:${order.transitionId}`,
      `recommendations.updated:${PROFILE}:${order.transitionId}`,
    ]);
    expect(publisher.sent[1]).toMatchObject({ reason: 'purchased_in_store', causedByMessageId: 'm-order', occurredAt: '2025-03-03T10:00:00.000Z' });
    const kept = states.states.get(PROFILE);
    expect(kept?.told.recommendations.map((item) => item.productId)).toEqual(['gloves-7', 'scarf-3', 'beanie-9']);
    expect(kept?.view).toMatchObject({ products: { 'jacket-42': bought }, summary: { stage: 'action' }, recentTransitionIds: [order.transitionId, expect.any(String)] });
  });

  it('sends nothing for a transition that changes no decision, nor for one delivered again, even behind a later one', async () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    const view = changed(PROFILE, 'm-view', { 'boots-11': status({ viewed: true }) });
    await apply(cart);
    await apply(cart);
    await apply(view);
    // A crash before the offsets were committed redelivers the batch: both come again.
    await apply(cart);
    await apply(view);
    expect(publisher.sent).toHaveLength(1);
    expect(states.states.get(PROFILE)?.view.products).toEqual({ 'jacket-42': carted(), 'boots-11': status({ viewed: true }) });
  });

  it('decides from the products earlier transitions brought, not only the ones this transition is about', async () => {
    await apply(changed(PROFILE, 'm-boots', { 'boots-11': boughtInStore('2025-03-01T10:00:00.000Z') }));
    const messages = await apply(changed(PROFILE, 'm-cart', { 'jacket-42': carted() }));
    expect(messages.map((m) => m.type)).toEqual(['retargeting.started']);
    expect(states.states.get(PROFILE)?.told.recommendations.map((i) => i.becauseOf)).toEqual(['boots-11', 'boots-11']);
  });

  it('keeps nothing of what it failed to send, so the redelivered transition sends it', async () => {
    publisher.failNext = new Error('broker down');
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    await expect(apply(cart)).rejects.toThrow('broker down');
    expect(states.states.has(PROFILE)).toBe(false);
    await apply(cart);
    expect(publisher.sent.map((m) => m.id)).toEqual([`retargeting.started:${PROFILE}:jacket-42:${cart.transitionId}`]);
  });

  it('sends the same messages again when the write after publishing was lost', async () => {
    const cart = changed(PROFILE, 'm-cart', { 'jacket-42': carted() });
    const first = await apply(cart);
    states.states.clear();
    expect(await apply(cart)).toEqual(first);
  });

  it('tells platforms to clear the accessories after a full return', async () => {
    await apply(changed(PROFILE, 'm-order', { 'jacket-42': bought }));
    const refund = changed(PROFILE, 'm-return', { 'jacket-42': returned(bought, '2025-03-10T10:00:00.000Z') });
    const messages = await apply(refund);
    expect(messages).toEqual([expect.objectContaining({ type: 'recommendations.updated', items: [], id: `recommendations.updated:${PROFILE}:${refund.transitionId}` })]);
  });
});
