import { TouchpointError } from '@touchpoint/contracts';
import type { z } from 'zod';

/** Validates path or query parameters at the edge; failures name every offending field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new TouchpointError('TP_REQUEST_INVALID', 'invalid request parameters', details);
}
