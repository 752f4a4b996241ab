import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Identity's read API for the bench's one customer (active, never merged, known by one
 * anonymous id): the bench times the replay, not identity, which answers in about a millisecond.
 */
export async function startIdentityResponder(profileId: string, anonymousId: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === `/v1/profiles/${profileId}/merges`) return json(200, { profileId, status: 'active', mergedInto: null, merges: [], refusals: [] });
    if (url.pathname === `/v1/profiles/${profileId}/identifiers`) return json(200, { profileId, identifiers: [{ type: 'anonymousId', value: anonymousId }] });
    return json(404, { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
