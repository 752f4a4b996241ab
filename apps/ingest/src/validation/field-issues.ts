import { TouchpointError } from '@touchpoint/contracts';
import type { z } from 'zod';

/** Where a value sits in the request body, e.g. ['batch', 3]. */
export type FieldPath = readonly PropertyKey[];

export interface FieldIssue {
  /** Dotted path from the request body's root, e.g. "batch.3.event". */
  readonly path: string;
  readonly message: string;
}

/** Enough to fix a request; a 500-message batch with one systematic mistake needs no 500 entries. */
const MAX_REPORTED_ISSUES = 50;

export function formatPath(path: FieldPath): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}

export function fieldIssues(issues: readonly z.core.$ZodIssue[], at: FieldPath = []): FieldIssue[] {
  return issues.map((issue) => ({ path: formatPath([...at, ...issue.path]), message: issue.message }));
}

export function validationFailed(issues: readonly FieldIssue[]): TouchpointError {
  const paths = [...new Set(issues.map((issue) => issue.path))];
  const named = paths.slice(0, 5).join(', ');
  return new TouchpointError(
    'TP_INGEST_VALIDATION_FAILED',
    `invalid ${named}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`,
    issues.slice(0, MAX_REPORTED_ISSUES),
  );
}

/** Parses one request body with its schema, or throws TP_INGEST_VALIDATION_FAILED naming each field. */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw validationFailed(fieldIssues(result.error.issues));
  return result.data;
}
