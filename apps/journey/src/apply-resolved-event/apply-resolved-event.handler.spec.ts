import { Logger } from '@nestjs/common';
import { emptyJourneyState } from '@touchpoint/journey-model';
import { buyJacketInStore, cartJacket, resolved, track } from '../testing/events';
import { InMemoryJourneyStateRepository } from '../testing/in-memory-journey-state.repository';
import { RecordingTransitionPublisher } from '../testing/recording-transition.publisher';
import { ApplyResolvedEventCommand } from './apply-resolved-event.command';
import { ApplyResolvedEventHandler } from './apply-resolved-event.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('ApplyResolvedEventHandler', () => {
  let journeys: InMemoryJourneyStateRepository;
  let publisher: RecordingTransitionPublisher;
  let handler: ApplyResolvedEventHandler;
  let logged: jest.SpyInstance;
  const apply = (event: ReturnType<typeof cartJacket>) => handler.execute(new ApplyResolvedEventCommand(resolved(PROFILE, event)));

  beforeEach(() => {
    journeys = new InMemoryJourneyStateRepository();
    publisher = new RecordingTransitionPublisher();
    handler = new ApplyResolvedEventHandler(journeys, publisher);
    logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => logged.mockRestore());

  it('publishes a transition with a stable id, the stage move and the changed product, and saves the state', async () => {
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    expect(publisher.published).toEqual([
      {
        transitionId: `transition:${PROFILE}:m-1`,
        profileId: PROFILE,
        causedByMessageId: 'm-1',
        occurredAt: '2025-03-01T10:00:00.000Z',
        channel: 'web',
        stage: { from: 'awareness', to: 'consideration' },
        products: [{ productId: 'jacket-42', facts: expect.objectContaining({ cartedAt: Date.parse('2025-03-01T10:00:00.000Z') }) }],
      },
    ]);
    expect(journeys.states.get(PROFILE)?.state.products['jacket-42']?.cartedAt).toBe(Date.parse('2025-03-01T10:00:00.000Z'));
  });

  it('publishes nothing for a redelivered event, and nothing for an event that only moves timestamps', async () => {
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    await apply(track({ messageId: 'm-2', event: 'Newsletter Opened', properties: {}, timestamp: '2025-03-02T10:00:00.000Z' }));
    expect(publisher.published.map((t) => t.causedByMessageId)).toEqual(['m-1']);
    // The touchpoint still lands in the state even though no transition was worth announcing.
    expect(journeys.states.get(PROFILE)?.state.lastSeenAt).toBe(Date.parse('2025-03-02T10:00:00.000Z'));
  });

  it('carries the store channel and the move to action for a store purchase', async () => {
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    const transition = await apply(buyJacketInStore('m-2', '2025-03-03T10:00:00.000Z'));
    expect(transition).toMatchObject({ channel: 'store', stage: { from: 'consideration', to: 'action' } });
    expect(transition?.products[0]?.facts.purchasedInStoreAt).toBe(Date.parse('2025-03-03T10:00:00.000Z'));
  });

  it('logs one line per transition that moved the stage, and none for product-only changes', async () => {
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    await apply(cartJacket('m-2', '2025-03-02T10:00:00.000Z'));
    await apply(buyJacketInStore('m-3', '2025-03-03T10:00:00.000Z'));
    expect(publisher.published).toHaveLength(3);
    expect(logged.mock.calls.map(([line]) => line)).toEqual([
      `profile ${PROFILE}: awareness -> consideration (m-1)`,
      `profile ${PROFILE}: consideration -> action (m-3)`,
    ]);
  });

  it('does not save when publishing fails, so the redelivered event announces the change after all', async () => {
    publisher.failNext = new Error('broker down');
    await expect(apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'))).rejects.toThrow('broker down');
    expect(journeys.states.has(PROFILE)).toBe(false);
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    expect(publisher.published.map((t) => t.transitionId)).toEqual([`transition:${PROFILE}:m-1`]);
  });

  it('starts over from the fresh state when another writer saved the profile in between', async () => {
    journeys.beforeNextSave = () => journeys.seed({ ...emptyJourneyState(PROFILE), advocacyAt: 42 });
    await apply(cartJacket('m-1', '2025-03-01T10:00:00.000Z'));
    const saved = journeys.states.get(PROFILE)?.state;
    expect(saved?.advocacyAt).toBe(42);
    expect(saved?.products['jacket-42']?.cartedAt).toBe(Date.parse('2025-03-01T10:00:00.000Z'));
    // Both attempts announce the same transition id: consumers see one transition.
    expect(new Set(publisher.published.map((t) => t.transitionId))).toEqual(new Set([`transition:${PROFILE}:m-1`]));
  });
});
