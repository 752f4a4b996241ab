import { TouchpointError } from '@touchpoint/contracts';
import { z } from 'zod';

export const getRecommendationsParamsSchema = z.object({ id: z.uuid() });
export type GetRecommendationsParams = z.infer<typeof getRecommendationsParamsSchema>;

/** Path parameters, checked once here: a profile id is a UUID. */
export function parseGetRecommendationsParams(params: unknown): GetRecommendationsParams {
  const parsed = getRecommendationsParamsSchema.safeParse(params);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ parameter: issue.path.join('.'), message: issue.message }));
    throw new TouchpointError('TP_REQUEST_INVALID', 'the profile id must be a UUID', details);
  }
  return parsed.data;
}
