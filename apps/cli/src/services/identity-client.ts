import { identifierSchema, identifierTypes } from '@touchpoint/contracts';
import { z } from 'zod';
import { CliError } from '../cli-error';
import { requestJson } from './http-json';

const historySchema = z.object({
  profileId: z.uuid(),
  status: z.enum(['active', 'merged', 'deleted']),
  mergedInto: z.uuid().nullable(),
  merges: z.array(z.object({ mergeId: z.string(), survivorProfileId: z.uuid(), mergedProfileId: z.uuid(), mergedAt: z.string() })),
});
export type ProfileHistory = z.infer<typeof historySchema>;

const identifiersSchema = z.object({ profileId: z.uuid(), identifiers: z.array(identifierSchema) });
const lookupSchema = z.object({ profileId: z.uuid() });

/** Identity's read API (`apps/identity` README): lookups, identifiers and merge history. */
export class IdentityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  private url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }

  /** `type:value` (email and phone as typed: identity hashes them). */
  async lookup(identifier: string): Promise<string> {
    const colon = identifier.indexOf(':');
    const type = identifier.slice(0, colon);
    if (colon <= 0 || !(identifierTypes as readonly string[]).includes(type)) {
      throw new CliError('TP_CLI_USAGE', `--identifier ${identifier}: give type:value with type one of ${identifierTypes.join(', ')}`);
    }
    const query = new URLSearchParams({ type, value: identifier.slice(colon + 1) });
    const answer = await requestJson('GET', this.url(`/v1/profiles/lookup?${query.toString()}`), lookupSchema, { token: this.token, service: 'identity' });
    if (answer.status === 404) throw new CliError('TP_CLI_UNKNOWN_PROFILE', `no profile has the identifier ${type}:…`);
    if (!answer.body) throw new CliError('TP_CLI_SERVICE_FAILED', `identity answered the lookup with ${answer.status} ${answer.errorCode ?? ''}`);
    return answer.body.profileId;
  }

  /** null: no profile ever had this id. */
  async history(profileId: string): Promise<ProfileHistory | null> {
    const answer = await requestJson('GET', this.url(`/v1/profiles/${encodeURIComponent(profileId)}/merges`), historySchema, { token: this.token, service: 'identity' });
    if (answer.status === 404) return null;
    if (answer.status === 400) throw new CliError('TP_CLI_USAGE', `${profileId} is not a profile id (a UUID)`);
    if (!answer.body) throw new CliError('TP_CLI_SERVICE_FAILED', `identity answered /merges with ${answer.status} ${answer.errorCode ?? ''}`);
    return answer.body;
  }

  async identifiers(profileId: string): Promise<z.infer<typeof identifiersSchema>['identifiers']> {
    const answer = await requestJson('GET', this.url(`/v1/profiles/${encodeURIComponent(profileId)}/identifiers`), identifiersSchema, { token: this.token, service: 'identity' });
    if (answer.status === 404) return [];
    if (!answer.body) throw new CliError('TP_CLI_SERVICE_FAILED', `identity answered /identifiers with ${answer.status} ${answer.errorCode ?? ''}`);
    return answer.body.identifiers;
  }
}
