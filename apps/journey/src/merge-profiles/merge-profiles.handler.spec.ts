import { Logger } from '@nestjs/common';
import type { ProfilesMerged } from '@touchpoint/contracts';
import { applyEvent, emptyJourneyState } from '@touchpoint/journey-model';
import { buyJacketInStore, cartJacket, viewBoots } from '../testing/events';
import { InMemoryJourneyStateRepository } from '../testing/in-memory-journey-state.repository';
import { RecordingTransitionPublisher } from '../testing/recording-transition.publisher';
import { MergeProfilesCommand } from './merge-profiles.command';
import { MergeProfilesHandler } from './merge-profiles.handler';

const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';

const merge: ProfilesMerged = {
  mergeId: 'merge-1',
  survivorProfileId: SURVIVOR,
  mergedProfileIds: [MERGED],
  reason: 'loyaltyId',
  identifiers: [{ type: 'loyaltyId', value: 'L-1' }],
  mergedAt: '2025-03-04T10:00:00.000Z',
  causedByMessageId: 'm-identify',
};

describe('MergeProfilesHandler', () => {
  let journeys: InMemoryJourneyStateRepository;
  let publisher: RecordingTransitionPublisher;
  let handler: MergeProfilesHandler;

  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  beforeEach(() => {
    journeys = new InMemoryJourneyStateRepository();
    publisher = new RecordingTransitionPublisher();
    handler = new MergeProfilesHandler(journeys, publisher);
    // The web profile carted the jacket; the store profile bought it and looked at boots.
    journeys.seed(applyEvent(emptyJourneyState(MERGED), cartJacket('m-1', '2025-03-01T10:00:00.000Z')));
    journeys.seed(applyEvent(applyEvent(emptyJourneyState(SURVIVOR), buyJacketInStore('m-2', '2025-03-03T10:00:00.000Z')), viewBoots('m-3', '2025-03-03T11:00:00.000Z')));
  });

  it('joins the merged journey into the survivor, deletes the merged one and announces the survivor change', async () => {
    const transition = await handler.execute(new MergeProfilesCommand(merge));
    const survivor = journeys.states.get(SURVIVOR)?.state;
    expect(survivor?.products['jacket-42']).toMatchObject({
      cartedAt: Date.parse('2025-03-01T10:00:00.000Z'),
      purchasedInStoreAt: Date.parse('2025-03-03T10:00:00.000Z'),
    });
    expect(survivor?.firstSeenAt).toBe(Date.parse('2025-03-01T10:00:00.000Z'));
    expect(journeys.states.has(MERGED)).toBe(false);
    expect(transition).toMatchObject({
      transitionId: `transition:${SURVIVOR}:merge-1`,
      profileId: SURVIVOR,
      causedByMessageId: 'merge-1',
      occurredAt: merge.mergedAt,
      channel: null,
      stage: null,
    });
    expect(transition?.products.map((p) => p.productId)).toEqual(['jacket-42']);
    expect(publisher.published).toEqual([transition]);
  });

  it('changes nothing and announces nothing when the merge is delivered again', async () => {
    await handler.execute(new MergeProfilesCommand(merge));
    const before = journeys.states.get(SURVIVOR)?.state;
    expect(await handler.execute(new MergeProfilesCommand(merge))).toBeNull();
    expect(journeys.states.get(SURVIVOR)?.state).toEqual(before);
    expect(publisher.published).toHaveLength(1);
  });

  it('moves a merged journey to a survivor that had none', async () => {
    journeys.states.delete(SURVIVOR);
    const transition = await handler.execute(new MergeProfilesCommand(merge));
    expect(journeys.states.get(SURVIVOR)?.state.profileId).toBe(SURVIVOR);
    expect(transition?.stage).toEqual({ from: 'awareness', to: 'consideration' });
  });
});
