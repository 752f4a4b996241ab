import { journeySummarySchema, productStatusSchema } from '@touchpoint/contracts';
import { z } from 'zod';
import { CliError } from '../cli-error';
import { requestJson } from './http-json';

const documentSchema = z.looseObject({
  profileId: z.uuid(),
  revision: z.number(),
  asOf: z.string().nullable(),
  summary: journeySummarySchema,
  products: z.record(z.string(), productStatusSchema),
});
export type LiveJourney = z.infer<typeof documentSchema>;

/** Journey's read API: `GET /v1/profiles/:id/journey` (docs/journey.md). */
export class JourneyClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  /** null: journey has no journey for the profile (404). */
  async journey(profileId: string): Promise<LiveJourney | null> {
    const answer = await requestJson('GET', new URL(`/v1/profiles/${encodeURIComponent(profileId)}/journey`, this.baseUrl).toString(), documentSchema, { token: this.token, service: 'journey' });
    if (answer.status === 404) return null;
    if (answer.status === 308) throw new CliError('TP_CLI_SERVICE_FAILED', `journey says ${profileId} was merged away, identity says it is active: the two disagree`);
    if (!answer.body) throw new CliError('TP_CLI_SERVICE_FAILED', `journey answered with ${answer.status} ${answer.errorCode ?? ''}`);
    return answer.body;
  }
}
