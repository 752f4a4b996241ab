import { DEVELOPMENT_HASH_SECRET } from '@touchpoint/config';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { type FakeService, startFakeService } from '../testing/fake-service';
import { UpstreamClient } from '../upstream/upstream-client';
import { SearchProfileHandler } from './search-profile.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';

describe('SearchProfileHandler', () => {
  let identity: FakeService;
  let handler: SearchProfileHandler;

  beforeAll(async () => {
    identity = await startFakeService((request) => {
      const url = new URL(request.url, 'http://identity');
      if (url.pathname === '/v1/profiles/lookup' && url.searchParams.get('value') === 'L-500') return { status: 500, body: { code: 'TP_INTERNAL_ERROR', message: 'internal error' } };
      if (url.pathname === '/v1/profiles/lookup' && url.searchParams.get('value') !== 'L-404') return { status: 200, body: { profileId: PROFILE } };
      if (url.pathname === `/v1/profiles/${PROFILE}/identifiers`) return { status: 200, body: { profileId: PROFILE, identifiers: [] } };
      if (url.pathname.startsWith('/v1/profiles/')) return { status: 404, body: { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' } };
      return { status: 500, body: { code: 'TP_INTERNAL_ERROR', message: 'internal error' } };
    });
    handler = new SearchProfileHandler(new UpstreamClient(2_000), { identityUrl: identity.url, hashSecret: DEVELOPMENT_HASH_SECRET, defaultPhoneRegion: null });
  });
  afterAll(() => identity.close());

  it('answers an email search with the keyed hash identity stores, never the address', async () => {
    const found = await handler.execute({ type: 'email', value: ' Sanne@Example.com' }, 'read-token-0123456789');
    const hash = new PersonalDataHasher(DEVELOPMENT_HASH_SECRET).emailHash('sanne@example.com');
    expect(found).toEqual({ kind: 'found', profileId: PROFILE, matched: { type: 'email', value: hash } });
    expect(JSON.stringify(found).toLowerCase()).not.toContain('sanne@example.com');
    expect(identity.requests.at(-1)?.authorization).toBe('Bearer read-token-0123456789');
    // Identity is asked by hash: the address is not in the request either.
    const asked = new URL(identity.requests.at(-1)?.url ?? '', 'http://identity');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ type: 'email', value: hash, hashed: 'true' });
  });

  it('hashes a phone number with the default region, and names a card with its chain when given', async () => {
    const phone = await handler.execute({ type: 'phone', value: '+31 6 12345678' }, null);
    expect(phone).toMatchObject({ kind: 'found', matched: { type: 'phone', value: new PersonalDataHasher(DEVELOPMENT_HASH_SECRET).phoneHash('+31612345678') } });
    await handler.execute({ type: 'loyaltyId', value: 'LOY-1', chain: 'north' }, null);
    const asked = new URL(identity.requests.at(-1)?.url ?? '', 'http://identity');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ type: 'loyaltyId', value: 'LOY-1', chain: 'north' });
  });

  it('tells not found from unavailable, and checks a profile id with identity', async () => {
    await expect(handler.execute({ type: 'loyaltyId', value: 'L-404' }, null)).resolves.toEqual({ kind: 'not_found' });
    await expect(handler.execute({ type: 'loyaltyId', value: 'L-500' }, null)).resolves.toEqual({ kind: 'unavailable', status: 500, code: 'TP_INTERNAL_ERROR', message: 'internal error' });
    await expect(handler.execute({ type: 'profileId', value: PROFILE }, null)).resolves.toMatchObject({ kind: 'found', profileId: PROFILE });
    await expect(handler.execute({ type: 'profileId', value: '0e0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10' }, null)).resolves.toEqual({ kind: 'not_found' });
    await expect(handler.execute({ type: 'profileId', value: 'not-a-uuid' }, null)).resolves.toEqual({ kind: 'not_found' });
  });
});
