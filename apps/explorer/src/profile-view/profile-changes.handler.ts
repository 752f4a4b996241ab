import type { Part } from '../explorer-api/explorer-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import { unmergeAnswer } from '../upstream/upstream-schemas';

/** Who asked, as identity's audit records it. */
const REQUESTED_BY = 'journey-explorer';

/**
 * The admin actions of the page, forwarded with the admin token the person logged in with:
 * identity checks the token and records who asked, the explorer only relays.
 */
export class ProfileChangesHandler {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly identityUrl: string,
  ) {}

  unmerge(profileId: string, body: { readonly mergeId: string }, token: string | null): Promise<Part<Record<string, unknown>>> {
    return this.upstream.call(`${this.identityUrl}/v1/profiles/${profileId}/unmerge`, unmergeAnswer, { method: 'POST', token, body, headers: { 'x-requested-by': REQUESTED_BY } });
  }

  delete(profileId: string, token: string | null): Promise<Part<Record<string, unknown>>> {
    return this.upstream.call(`${this.identityUrl}/v1/profiles/${profileId}`, unmergeAnswer, { method: 'DELETE', token, headers: { 'x-requested-by': REQUESTED_BY } });
  }
}
