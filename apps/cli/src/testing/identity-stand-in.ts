import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERASED, ERIK, SANNE, SANNE_WEB, sanneIdentifiers, scenarioMerge } from './scenario';

const merge = { mergeId: scenarioMerge.mergeId, survivorProfileId: SANNE, mergedProfileId: SANNE_WEB, reason: 'loyaltyId', linkedBy: sanneIdentifiers[1], mergedAt: scenarioMerge.mergedAt, causedByMessageId: scenarioMerge.causedByMessageId };

/** Identity's answers for the scenario's customers, shaped as apps/identity's read API answers them. */
const histories: Record<string, { status: string; mergedInto: string | null; merges: unknown[] }> = {
  [SANNE]: { status: 'active', mergedInto: null, merges: [merge] },
  [SANNE_WEB]: { status: 'merged', mergedInto: SANNE, merges: [merge] },
  [ERIK]: { status: 'active', mergedInto: null, merges: [] },
  [ERASED]: { status: 'deleted', mergedInto: null, merges: [] },
};

export interface IdentityStandIn {
  readonly url: string;
  /** Paths asked, in order: a spec can check the tool asked what it must. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Identity's HTTP read API for the golden specs of the pure-Kafka commands, which need only
 * its merge history and identifiers; the real service is exercised by the system specs.
 */
export async function startIdentityStandIn(token: string): Promise<IdentityStandIn> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push(url.pathname + url.search);
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${token}`) return answer(401, { code: 'TP_READ_UNAUTHORIZED', message: 'no token' });
    if (url.pathname === '/v1/profiles/lookup') {
      const value = url.searchParams.get('value');
      if (url.searchParams.get('type') === 'anonymousId' && value === sanneIdentifiers[0].value) return answer(200, { profileId: SANNE });
      return answer(404, { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' });
    }
    const match = /^\/v1\/profiles\/([^/]+)\/(merges|identifiers)$/.exec(url.pathname);
    const history = match ? histories[match[1] ?? ''] : undefined;
    if (!match || !history) return answer(404, { code: 'TP_PROFILE_NOT_FOUND', message: 'no profile' });
    if (match[2] === 'merges') return answer(200, { profileId: match[1], ...history, refusals: [] });
    if (history.status !== 'active') return answer(404, { code: 'TP_PROFILE_NOT_FOUND', message: 'merged or deleted' });
    return answer(200, { profileId: match[1], identifiers: match[1] === SANNE ? sanneIdentifiers : [{ type: 'anonymousId', value: 'anon-erik-3d2a' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))) };
}
