import { ForwardedToken } from '../access/forwarded-token';
import { type FakeService, startFakeService } from '../testing/fake-service';
import { UpstreamClient } from '../upstream/upstream-client';
import { ProfileChangesHandler } from './profile-changes.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const ADMIN = 'admin-token-0123456789';

describe('ProfileChangesHandler', () => {
  let identity: FakeService;

  beforeAll(async () => {
    identity = await startFakeService((request) =>
      request.authorization !== `Bearer ${ADMIN}`
        ? { status: 401, body: { code: 'TP_ADMIN_UNAUTHORIZED', message: 'send Authorization: Bearer <admin token>' } }
        : { status: 200, body: request.method === 'POST' ? { unmergeId: 'u-1', mergeId: 'm-1' } : { deletionId: 'd-1', profileId: PROFILE } },
    );
  });
  afterAll(() => identity.close());

  const handler = () => new ProfileChangesHandler(new UpstreamClient(2_000), identity.url);

  it("relays an unmerge and an erasure to identity with the admin token, saying who asked", async () => {
    await expect(handler().unmerge(PROFILE, { mergeId: 'm-1' }, ADMIN)).resolves.toEqual({ ok: true, value: { unmergeId: 'u-1', mergeId: 'm-1' } });
    expect(identity.requests.at(-1)).toEqual({ method: 'POST', url: `/v1/profiles/${PROFILE}/unmerge`, authorization: `Bearer ${ADMIN}`, requestedBy: 'journey-explorer', body: '{"mergeId":"m-1"}' });
    await expect(handler().delete(PROFILE, ADMIN)).resolves.toMatchObject({ ok: true, value: { deletionId: 'd-1' } });
    expect(identity.requests.at(-1)).toMatchObject({ method: 'DELETE', url: `/v1/profiles/${PROFILE}`, requestedBy: 'journey-explorer' });
  });

  it("answers identity's refusal, and never lends the explorer's own token to a change", async () => {
    await expect(handler().unmerge(PROFILE, { mergeId: 'm-1' }, null)).resolves.toMatchObject({ ok: false, status: 401, code: 'TP_ADMIN_UNAUTHORIZED' });
    const token = new ForwardedToken(ADMIN);
    expect(token.of(undefined)).toBe(ADMIN);
    expect(token.presented(undefined)).toBeNull();
    expect(token.presented('Bearer read-token-0123456789')).toBe('read-token-0123456789');
  });
});
