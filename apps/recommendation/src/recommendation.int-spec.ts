import { randomUUID } from 'node:crypto';
import { type RecommendationMessage, type RecommendationStateV1, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { testKafkaKind } from '@touchpoint/kafka-testing';
import { boughtInStore, carted, returned, summary } from './testing/journey-view';
import { recommendationSuite } from './testing/recommendation-suite';
import { startRecommendation } from './testing/recommendation-under-test';
import { changed, retired } from './testing/transitions';

/**
 * Recommendation alone, fed v2 transitions by hand as journey would publish them, against a
 * real broker and PostgreSQL; in this process so its HTTP API can be injected.
 */
describe(`recommendation against the ${testKafkaKind()} and PostgreSQL`, () => {
  const suite = recommendationSuite('service');
  const told = (what: string, match: (m: RecommendationMessage) => boolean) => suite.watcher.waitFor<RecommendationMessage>(Topics.recommendations.name, match, 20_000, what);
  const allTold = (profileId: string) => suite.watcher.all<RecommendationMessage>(Topics.recommendations.name, (m) => m.profileId === profileId).map((m) => m.value);
  const states = (profileId: string) => suite.watcher.all<RecommendationStateV1 | null>(Topics.recommendationsState.name).filter((m) => m.key === profileId);

  it('starts retargeting on a cart, stops it for a store purchase (and a pull agrees at once), recommends accessories, ignores a redelivery', async () => {
    const profileId = randomUUID();
    const bought = boughtInStore('2025-03-03T10:00:00.000Z');
    const cart = changed(profileId, `cart-${profileId}`, { 'jacket-42': carted() });
    const order = changed(profileId, `order-${profileId}`, { 'jacket-42': bought }, { summary: summary({ stage: 'action' }), occurredAt: '2025-03-03T10:00:00.000Z' });
    await suite.service.publishTransitions(cart);
    await told('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await suite.service.publishTransitions(order);
    await told('retargeting.stopped', (m) => m.profileId === profileId && m.type === 'retargeting.stopped');

    // The state is committed before its messages are published: a pull right after the stop leaves the jacket out.
    const answer = await suite.service.get(`/v1/profiles/${profileId}/recommendations`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      profileId,
      requestedProfileId: profileId,
      stage: 'action',
      retargeting: [],
      audiences: [],
      recommendations: [
        expect.objectContaining({ productId: 'gloves-7', rank: 1, becauseOf: 'jacket-42', name: 'Leather gloves' }),
        expect.objectContaining({ productId: 'scarf-3', rank: 2 }),
        expect.objectContaining({ productId: 'beanie-9', rank: 3 }),
      ],
    });
    expect((await suite.service.get(`/v1/profiles/${profileId}/recommendations?limit=1&context=product:boots-11`)).json()).toMatchObject({
      recommendations: [{ productId: 'socks-2', rank: 1, reason: 'accessory_of_context', becauseOf: 'boots-11', name: 'Merino hiking socks' }],
    });

    // Journey redelivers both; the return after them is the marker that they were read.
    const refund = changed(profileId, `return-${profileId}`, { 'jacket-42': returned(bought, '2025-03-10T10:00:00.000Z') }, { summary: summary({ stage: 'action' }) });
    await suite.service.publishTransitions(cart, order, refund);
    await told('cleared recommendations', (m) => m.profileId === profileId && m.type === 'recommendations.updated' && m.items.length === 0);

    expect(allTold(profileId)).toEqual([
      expect.objectContaining({ id: `retargeting.started:${profileId}:jacket-42:${cart.transitionId}`, type: 'retargeting.started', productId: 'jacket-42' }),
      expect.objectContaining({
        type: 'retargeting.stopped',
        productId: 'jacket-42',
        reason: 'purchased_in_store',
        cause: { kind: 'event', id: `order-${profileId}` },
        transitionId: order.transitionId,
        occurredAt: '2025-03-03T10:00:00.000Z',
      }),
      expect.objectContaining({ id: `recommendations.updated:${profileId}:list:${order.transitionId}`, items: [expect.objectContaining({ productId: 'gloves-7' }), expect.anything(), expect.anything()] }),
      expect.objectContaining({ id: `recommendations.updated:${profileId}:list:${refund.transitionId}`, items: [], cause: { kind: 'event', id: `return-${profileId}` } }),
    ]);

    const decisions = (await suite.service.get(`/v1/profiles/${profileId}/decisions`)).json() as { decisions: { type: string; reason: string | null; cause: unknown; toldAt: string | null }[] };
    expect(decisions.decisions.map((d) => d.type)).toEqual(['recommendations.updated', 'recommendations.updated', 'retargeting.stopped', 'retargeting.started']);
    expect(decisions.decisions[2]).toMatchObject({ reason: 'purchased_in_store', cause: { kind: 'event', id: `order-${profileId}` }, toldAt: expect.any(String) });

    // The state topic carries the truth after the messages it summarizes.
    const latest = await suite.watcher.waitFor<RecommendationStateV1 | null>(Topics.recommendationsState.name, (v) => v?.profileId === profileId && v.revision === refund.revision, 20_000, 'the state');
    expect(latest.value).toMatchObject({ profileId, retargeting: [], recommendations: [], audiences: [], survivorProfileId: null, positions: [expect.objectContaining({ partition: expect.any(Number) })] });
  }, 60_000);

  it('withdraws under a merged-away id, naming the survivor; the survivor decides on both histories; a pull of the old id answers for the survivor', async () => {
    const mergedAway = randomUUID();
    const survivor = randomUUID();
    const mergeId = `merge-${mergedAway}`;
    await suite.service.publishTransitions(changed(mergedAway, `cart-${mergedAway}`, { 'jacket-42': carted() }, { summary: summary({ audiences: ['cart_abandoner'] }) }));
    await suite.service.publishTransitions(changed(survivor, `cart-${survivor}`, { 'boots-11': carted() }));
    await told('retargeting under the merged-away id', (m) => m.profileId === mergedAway && m.type === 'retargeting.started');

    // The survivor's fold: the jacket bought in store under the merged-away id's identifier stops it on both.
    const retire = retired(mergedAway, survivor, mergeId);
    const folded = changed(survivor, mergeId, { 'jacket-42': boughtInStore('2025-03-02T10:00:00.000Z'), 'boots-11': carted() }, { causeKind: 'merge', mergedProfileIds: [mergedAway] });
    await suite.service.publishTransitions(retire, folded);
    await told('the audience exit under the merged-away id', (m) => m.profileId === mergedAway && m.type === 'audience.exited');
    await told('accessories under the survivor', (m) => m.profileId === survivor && m.type === 'recommendations.updated');

    expect(allTold(mergedAway).slice(2)).toEqual([
      expect.objectContaining({ id: `retargeting.stopped:${mergedAway}:jacket-42:${retire.transitionId}`, reason: 'profile_merged', survivorProfileId: survivor, cause: { kind: 'merge', id: mergeId } }),
      expect.objectContaining({ type: 'audience.exited', audienceId: 'cart_abandoner' }),
    ]);
    const pulled = (await suite.service.get(`/v1/profiles/${mergedAway}/recommendations`)).json();
    expect(pulled).toMatchObject({ profileId: survivor, requestedProfileId: mergedAway, retargeting: ['boots-11'], recommendations: [expect.objectContaining({ becauseOf: 'jacket-42' }), expect.anything(), expect.anything()] });
    await suite.watcher.waitFor<RecommendationStateV1 | null>(Topics.recommendationsState.name, (v) => v?.profileId === mergedAway && v.survivorProfileId === survivor, 20_000, 'the retired state');
  }, 60_000);

  it('on erasure stops everything with reason erased, tombstones the state topic, and forgets the profile', async () => {
    const profileId = randomUUID();
    await suite.service.publishTransitions(changed(profileId, `cart-${profileId}`, { 'jacket-42': carted() }));
    await told('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');
    const deletionId = randomUUID();
    await suite.service.app.get(EventPublisher).publish(Topics.profileDeleted, [{ id: `deleted-${profileId}`, value: { deletionId, profileId, mergedProfileIds: [], deletedAt: '2026-01-01T10:00:00.000Z' } }]);
    await told('retargeting.stopped erased', (m) => m.profileId === profileId && m.type === 'retargeting.stopped' && m.reason === 'erased');
    await suite.watcher.waitFor<RecommendationStateV1 | null>(Topics.recommendationsState.name, () => states(profileId).at(-1)?.value === null, 20_000, 'the tombstone');
    expect((await suite.service.get(`/v1/profiles/${profileId}/recommendations`)).statusCode).toBe(404);
    expect((await suite.service.get(`/v1/profiles/${profileId}/decisions`)).statusCode).toBe(404);

    // A transition arriving late changes nothing: the customer stays forgotten.
    await suite.service.publishTransitions(changed(profileId, `late-${profileId}`, { 'boots-11': carted() }));
    const marker = randomUUID();
    await suite.service.publishTransitions(changed(marker, `cart-${marker}`, { 'jacket-42': carted() }));
    await told('the marker', (m) => m.profileId === marker);
    expect((await suite.service.get(`/v1/profiles/${profileId}/recommendations`)).statusCode).toBe(404);
  }, 60_000);

  it('keeps what it told across a restart: a purchase after it still stops retargeting started before', async () => {
    const profileId = randomUUID();
    await suite.service.publishTransitions(changed(profileId, `cart-${profileId}`, { 'jacket-42': carted() }));
    await told('retargeting.started', (m) => m.profileId === profileId && m.type === 'retargeting.started');
    await suite.service.close();
    suite.service = await startRecommendation({ brokers: suite.broker.address, databaseUrl: suite.database.url });
    await suite.service.publishTransitions(changed(profileId, `order-${profileId}`, { 'jacket-42': boughtInStore('2025-03-03T10:00:00.000Z') }));
    await told('retargeting.stopped after the restart', (m) => m.profileId === profileId && m.type === 'retargeting.stopped' && m.reason === 'purchased_in_store');
  }, 90_000);

  it('answers 404 for an unknown profile, 400 for a bad id or query, 401 without the read token', async () => {
    const unknown = await suite.service.get(`/v1/profiles/${randomUUID()}/recommendations`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    const invalid = await suite.service.get('/v1/profiles/not-a-uuid/recommendations');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'TP_REQUEST_INVALID' });
    expect((await suite.service.get(`/v1/profiles/${randomUUID()}/recommendations?context=jacket-42`)).statusCode).toBe(400);
    expect((await suite.service.get(`/v1/profiles/${randomUUID()}/decisions?limit=0`)).statusCode).toBe(400);
    const anonymous = await suite.service.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/v1/profiles/${randomUUID()}/recommendations` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists audiences with their sizes and the spend pyramid', async () => {
    const [top, small] = [randomUUID(), randomUUID()];
    await suite.service.publishTransitions(
      changed(top, `t-${top}`, {}, { summary: summary({ tier: 'top', trailingSpend: 6000, audiences: ['tier:top', 'pyramid-test'] }) }),
      changed(small, `t-${small}`, {}, { summary: summary({ tier: 'small', trailingSpend: 100.5, audiences: ['pyramid-test'] }) }),
    );
    // The two profiles may sit on different partitions: wait for both.
    await told('audience entered', (m) => m.profileId === small && m.type === 'audience.entered');
    await told('audience entered', (m) => m.profileId === top && m.type === 'audience.entered');
    const audiences = (await suite.service.get('/v1/audiences')).json() as { audiences: { audienceId: string; profiles: number }[] };
    expect(audiences.audiences).toEqual(expect.arrayContaining([{ audienceId: 'pyramid-test', profiles: 2 }, expect.objectContaining({ audienceId: 'tier:top' })]));
    const pyramid = (await suite.service.get('/v1/pyramid')).json() as { tiers: { tier: string; customers: number; trailingSpend: number }[] };
    expect(pyramid.tiers.map((t) => t.tier)).toEqual(['top', 'large', 'medium', 'small', 'prospect']);
    expect(pyramid.tiers[0]).toMatchObject({ customers: 1, trailingSpend: 6000 });
    expect(pyramid.tiers[3].trailingSpend).toBeGreaterThanOrEqual(100.5);
  });
});
