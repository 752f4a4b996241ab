import type { JourneyDefinitions } from './journey-definitions.schema';

/**
 * The version of the fold and derivation rules. Bump it whenever the same log and definitions
 * would give a different state or view, so stored states of the old version are refolded.
 */
export const REDUCER_VERSION = 2;

export interface JourneyVersions {
  readonly reducer: number;
  readonly definitions: string;
}

export function journeyVersions(defs: JourneyDefinitions): JourneyVersions {
  return { reducer: REDUCER_VERSION, definitions: defs.version };
}
