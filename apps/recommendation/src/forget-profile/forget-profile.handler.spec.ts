import { Logger } from '@nestjs/common';
import type { ProfileDeleted } from '@touchpoint/contracts';
import { noDecisions } from '../recommendation-rules/decide';
import { emptyRecommendationView } from '../recommendation-view/recommendation-view';
import { InMemoryRecommendationStates } from '../testing/in-memory-ports';
import { ForgetProfileCommand } from './forget-profile.command';
import { ForgetProfileHandler } from './forget-profile.handler';

const ERASED = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const OTHER = '9d2c4b6a-1e3f-4a5b-8c7d-6e5f4a3b2c1d';

describe('ForgetProfileHandler', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('forgets the view and what was told for the erased profile and the profiles merged into it, and is harmless again', async () => {
    const states = new InMemoryRecommendationStates();
    for (const profileId of [ERASED, MERGED, OTHER]) states.states.set(profileId, { view: emptyRecommendationView, told: noDecisions });
    const deleted: ProfileDeleted = { deletionId: ERASED, profileId: ERASED, mergedProfileIds: [MERGED], deletedAt: '2026-01-01T10:00:00.000Z' };
    const handler = new ForgetProfileHandler(states);
    await handler.execute(new ForgetProfileCommand(deleted));
    await handler.execute(new ForgetProfileCommand(deleted));
    expect([...states.states.keys()]).toEqual([OTHER]);
  });
});
