import { Logger } from '@nestjs/common';
import type { ProfileDeleted } from '@touchpoint/contracts';
import { emptyJourneyState } from '@touchpoint/journey-model';
import { InMemoryJourneyStateRepository } from '../testing/in-memory-journey-state.repository';
import { ForgetProfileCommand } from './forget-profile.command';
import { ForgetProfileHandler } from './forget-profile.handler';

const ERASED = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const OTHER = '2c8f4b3d-0a5e-4f9b-9d7c-3b2e4f5a6b7c';

const deleted: ProfileDeleted = { deletionId: OTHER, profileId: ERASED, mergedProfileIds: [MERGED], deletedAt: '2026-01-01T10:00:00.000Z' };

describe('ForgetProfileHandler', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('drops the journeys of the erased profile and of the profiles merged into it, and nothing else', async () => {
    const journeys = new InMemoryJourneyStateRepository();
    for (const profileId of [ERASED, MERGED, OTHER]) journeys.seed(emptyJourneyState(profileId));
    const handler = new ForgetProfileHandler(journeys);
    await handler.execute(new ForgetProfileCommand(deleted));
    expect([...journeys.states.keys()]).toEqual([OTHER]);
    await expect(handler.execute(new ForgetProfileCommand(deleted))).resolves.toBeUndefined();
  });
});
