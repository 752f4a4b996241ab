import { TouchpointError } from '@touchpoint/contracts';
import type { UpstreamClient } from '../upstream/upstream-client';
import { identifiersAnswer } from '../upstream/upstream-schemas';

/**
 * Whether a token may watch a profile: identity's read endpoint is asked, so the services stay
 * the only judges of a token. A profile identity does not know (yet) may still be watched.
 */
export class LiveAccess {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly identityUrl: string,
  ) {}

  /** For what belongs to no profile (the spend pyramid): asked about the nil id, which no profile has. */
  checkToken(token: string | null): Promise<void> {
    return this.check('00000000-0000-0000-0000-000000000000', token);
  }

  async check(profileId: string, token: string | null): Promise<void> {
    const answer = await this.upstream.call(`${this.identityUrl}/v1/profiles/${profileId}/identifiers`, identifiersAnswer, { token });
    if (answer.ok || answer.status === 404) return;
    if (answer.code === 'TP_READ_DISABLED') throw new TouchpointError(answer.code, answer.message);
    // A token that cannot be checked (identity down) is refused like a wrong one: the stream never opens unchecked.
    throw new TouchpointError('TP_READ_UNAUTHORIZED', answer.code === 'TP_READ_UNAUTHORIZED' ? answer.message : `the token could not be checked: ${answer.message}`);
  }
}
