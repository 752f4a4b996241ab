import { type FakeService, startFakeService } from '../testing/fake-service';
import { UpstreamClient } from '../upstream/upstream-client';
import { LiveAccess } from './live-access';

const KNOWN = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const NEW = '0e0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const GOOD = 'read-token-0123456789';

describe('LiveAccess', () => {
  let identity: FakeService;
  let down = false;

  beforeAll(async () => {
    identity = await startFakeService((request) => {
      if (down) return { status: 503, body: { code: 'TP_INTERNAL_ERROR', message: 'not ready' } };
      if (request.authorization !== `Bearer ${GOOD}`) return { status: 401, body: { code: 'TP_READ_UNAUTHORIZED', message: 'send Authorization: Bearer <read token>' } };
      return request.url.includes(KNOWN) ? { status: 200, body: { profileId: KNOWN, identifiers: [] } } : { status: 404, body: { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' } };
    });
  });
  afterAll(() => identity.close());

  const access = () => new LiveAccess(new UpstreamClient(2_000), identity.url);

  it('lets a good read token watch a known profile and one identity does not know yet', async () => {
    await expect(access().check(KNOWN, GOOD)).resolves.toBeUndefined();
    await expect(access().check(NEW, GOOD)).resolves.toBeUndefined();
  });

  it('refuses a wrong or missing token, and one that cannot be checked', async () => {
    await expect(access().check(KNOWN, 'wrong-token-0123456789')).rejects.toMatchObject({ code: 'TP_READ_UNAUTHORIZED' });
    await expect(access().check(KNOWN, null)).rejects.toMatchObject({ code: 'TP_READ_UNAUTHORIZED' });
    down = true;
    await expect(access().check(KNOWN, GOOD)).rejects.toMatchObject({ code: 'TP_READ_UNAUTHORIZED', message: expect.stringContaining('could not be checked') });
    down = false;
  });
});

describe('LiveAccess for what belongs to no profile', () => {
  it('asks identity about the nil id, so only the token decides', async () => {
    const identity = await startFakeService((request) =>
      request.authorization === `Bearer ${GOOD}` ? { status: 404, body: { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' } } : { status: 401, body: { code: 'TP_READ_UNAUTHORIZED', message: 'no' } },
    );
    try {
      const access = new LiveAccess(new UpstreamClient(2_000), identity.url);
      await expect(access.checkToken(GOOD)).resolves.toBeUndefined();
      await expect(access.checkToken(null)).rejects.toMatchObject({ code: 'TP_READ_UNAUTHORIZED' });
      expect(identity.requests[0]?.url).toBe('/v1/profiles/00000000-0000-0000-0000-000000000000/identifiers');
    } finally {
      await identity.close();
    }
  });
});
