import { IdentityGraph, type ProfileIdentifiers, type Resolution } from '../domain/identity-graph';
import { ListProfileIdentifiersHandler } from './list-profile-identifiers.handler';
import { ListProfileIdentifiersQuery } from './list-profile-identifiers.query';

const LIVE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';

class FixedGraph extends IdentityGraph {
  resolve(): Promise<Resolution> {
    throw new Error('not used');
  }
  async findProfileId(): Promise<string | null> {
    return null;
  }
  async identifiersOf(profileId: string): Promise<ProfileIdentifiers | null> {
    if (profileId === LIVE) return { status: 'active', profileId, identifiers: [{ type: 'userId', value: 'u-1' }] };
    if (profileId === MERGED) return { status: 'merged', profileId, mergedInto: LIVE };
    return null;
  }
}

describe('ListProfileIdentifiersHandler', () => {
  const handler = new ListProfileIdentifiersHandler(new FixedGraph());

  it('lists the identifiers of a live profile', async () => {
    await expect(handler.execute(new ListProfileIdentifiersQuery(LIVE))).resolves.toEqual({ profileId: LIVE, identifiers: [{ type: 'userId', value: 'u-1' }] });
  });

  it('answers TP_PROFILE_NOT_FOUND for a merged profile, naming the survivor', async () => {
    await expect(handler.execute(new ListProfileIdentifiersQuery(MERGED))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND', details: { mergedInto: LIVE } });
  });

  it('answers TP_PROFILE_NOT_FOUND for an unknown profile', async () => {
    await expect(handler.execute(new ListProfileIdentifiersQuery('00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({
      code: 'TP_PROFILE_NOT_FOUND',
    });
  });
});
