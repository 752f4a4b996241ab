import type { z } from 'zod';
import { type JourneyDefinitions, journeyDefinitionsSchema } from './journey-definitions.schema';

/** A definitions document that cannot be used: the message names every bad field by path. */
export class JourneyDefinitionsError extends Error {
  override readonly name = 'JourneyDefinitionsError';
  readonly code = 'TP_JOURNEY_DEFINITIONS_INVALID';
}

/** Validates a definitions document (parsed JSON) once at boot; the result is deeply frozen. */
export function parseJourneyDefinitions(json: unknown, source: string): JourneyDefinitions {
  const parsed = journeyDefinitionsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap(describeIssue).map((line) => `  ${line}`);
    throw new JourneyDefinitionsError(`${source} is invalid:\n${problems.join('\n')}`);
  }
  return deepFreeze(parsed.data);
}

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(root)';

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${pathOf([...issue.path, key])}: unknown key`);
  return [`${pathOf(issue.path)}: ${issue.message}`];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
