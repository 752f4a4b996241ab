import { Logger } from '@nestjs/common';
import type { ProfileDeleted } from '@touchpoint/contracts';
import { ForgetProfileCommand } from './forget-profile.command';
import { ForgetProfileHandler } from './forget-profile.handler';
import { PublishedRecommendationsEraser } from './published-recommendations.eraser';

const ERASED = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';

class InMemoryEraser extends PublishedRecommendationsEraser {
  readonly published = new Set([ERASED, MERGED, 'other']);
  async erase(profileId: string): Promise<void> {
    this.published.delete(profileId);
  }
}

describe('ForgetProfileHandler', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('forgets what was published for the erased profile and the profiles merged into it', async () => {
    const eraser = new InMemoryEraser();
    const deleted: ProfileDeleted = { deletionId: ERASED, profileId: ERASED, mergedProfileIds: [MERGED], deletedAt: '2026-01-01T10:00:00.000Z' };
    await new ForgetProfileHandler(eraser).execute(new ForgetProfileCommand(deleted));
    expect([...eraser.published]).toEqual(['other']);
  });
});
