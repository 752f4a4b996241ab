import type { RecommendationMessage } from '@touchpoint/contracts';
import { SeedCatalog } from '../catalog/seed-catalog';
import { GetRecommendationsHandler } from '../get-recommendations/get-recommendations.handler';
import { GetRecommendationsQuery } from '../get-recommendations/get-recommendations.query';
import { boughtOnline, carted } from '../testing/journey-view';
import { InMemoryRecommendationStates, RecordingRecommendationPublisher } from '../testing/in-memory-ports';
import { changed, retired } from '../testing/transitions';
import { ApplyTransitionCommand } from './apply-transition.command';
import { ApplyTransitionHandler } from './apply-transition.handler';

const MERGED_AWAY = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('ApplyTransitionHandler, for a profile merged away', () => {
  let states: InMemoryRecommendationStates;
  let publisher: RecordingRecommendationPublisher;
  let handler: ApplyTransitionHandler;
  const apply = (transition: ReturnType<typeof changed>) => handler.execute(new ApplyTransitionCommand(transition));
  const under = (profileId: string): RecommendationMessage[] => publisher.sent.filter((m) => m.profileId === profileId);

  beforeEach(() => {
    states = new InMemoryRecommendationStates();
    publisher = new RecordingRecommendationPublisher();
    handler = new ApplyTransitionHandler(states, publisher, new SeedCatalog());
  });

  it('stops under the retired id every retargeting started there with profile_merged, clears its recommendations, and keeps nothing to decide', async () => {
    await apply(changed(MERGED_AWAY, 'm-cart', { 'jacket-42': carted(), 'socks-2': carted() }));
    await apply(changed(MERGED_AWAY, 'm-order', { 'boots-11': boughtOnline('2025-03-02T10:00:00.000Z') }));
    const retire = retired(MERGED_AWAY, SURVIVOR, 'merge-7', '2025-03-04T10:00:00.000Z');

    const messages = await apply(retire);

    const base = { profileId: MERGED_AWAY, causedByMessageId: 'merge-7', occurredAt: '2025-03-04T10:00:00.000Z' };
    expect(messages).toEqual([
      { ...base, id: `retargeting.stopped:${MERGED_AWAY}:jacket-42:${retire.transitionId}`, type: 'retargeting.stopped', productId: 'jacket-42', reason: 'profile_merged' },
      { ...base, id: `retargeting.stopped:${MERGED_AWAY}:socks-2:${retire.transitionId}`, type: 'retargeting.stopped', productId: 'socks-2', reason: 'profile_merged' },
      { ...base, id: `recommendations.updated:${MERGED_AWAY}:${retire.transitionId}`, type: 'recommendations.updated', items: [] },
    ]);
    // Every start under the retired id has its stop there.
    const started = under(MERGED_AWAY).flatMap((m) => (m.type === 'retargeting.started' ? [m.productId] : []));
    const stopped = under(MERGED_AWAY).flatMap((m) => (m.type === 'retargeting.stopped' ? [m.productId] : []));
    expect(stopped.sort()).toEqual(started.sort());
    // Nothing is left under it: nothing told, no products, no summary, no answer from the pull API.
    expect(states.states.get(MERGED_AWAY)).toEqual({
      view: { products: {}, summary: null, recentTransitionIds: [retire.transitionId, expect.any(String), expect.any(String)], retired: { survivorProfileId: SURVIVOR } },
      told: { retargeting: [], recommendations: [] },
    });
    await expect(new GetRecommendationsHandler(states, new SeedCatalog()).execute(new GetRecommendationsQuery(MERGED_AWAY))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
  });

  it('sends nothing for a retired profile that was never told anything, nor for the retirement delivered again', async () => {
    const retire = retired(MERGED_AWAY, SURVIVOR, 'merge-7');
    expect(await apply(retire)).toEqual([]);
    expect(await apply(retire)).toEqual([]);
    expect(publisher.sent).toEqual([]);
  });

  it('ignores a redelivered transition from before the merge, so the retired id starts nothing again', async () => {
    const cart = changed(MERGED_AWAY, 'm-cart', { 'jacket-42': carted() });
    await apply(cart);
    await apply(retired(MERGED_AWAY, SURVIVOR, 'merge-7'));
    expect(await apply(cart)).toEqual([]);
    expect(under(MERGED_AWAY).map((m) => m.type)).toEqual(['retargeting.started', 'retargeting.stopped']);
  });

  it('decides the survivor from the folded products its own transition carries', async () => {
    await apply(changed(MERGED_AWAY, 'm-cart', { 'jacket-42': carted() }));
    await apply(retired(MERGED_AWAY, SURVIVOR, 'merge-7'));
    const merged = changed(SURVIVOR, 'merge-7', { 'jacket-42': carted() }, { causeKind: 'merge', mergedProfileIds: [MERGED_AWAY] });
    const messages = await apply(merged);
    expect(messages).toEqual([expect.objectContaining({ id: `retargeting.started:${SURVIVOR}:jacket-42:${merged.transitionId}`, profileId: SURVIVOR, causedByMessageId: 'merge-7' })]);
  });
});
