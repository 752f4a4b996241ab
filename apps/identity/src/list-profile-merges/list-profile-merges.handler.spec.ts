import { ProfileHistory, type ProfileHistoryView, type RefusalsView } from '../domain/profile-history';
import { ListProfileMergesHandler } from './list-profile-merges.handler';
import { ListProfileMergesQuery } from './list-profile-merges.query';

const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

class FixedHistory extends ProfileHistory {
  async historyOf(profileId: string): Promise<ProfileHistoryView | null> {
    return profileId === MERGED ? { profileId, status: 'merged', mergedInto: SURVIVOR, merges: [], unmerges: [], blockedLinks: [], refusals: [] } : null;
  }

  async refusals(): Promise<RefusalsView> {
    return { refusals: [], sharedIdentifiers: [] };
  }
}

describe('ListProfileMergesHandler', () => {
  const handler = new ListProfileMergesHandler(new FixedHistory());

  it('answers the history of a merged profile rather than 404', async () => {
    await expect(handler.execute(new ListProfileMergesQuery(MERGED))).resolves.toMatchObject({ status: 'merged', mergedInto: SURVIVOR });
  });

  it('answers TP_PROFILE_NOT_FOUND for an id no profile ever had', async () => {
    await expect(handler.execute(new ListProfileMergesQuery(SURVIVOR))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
  });
});
