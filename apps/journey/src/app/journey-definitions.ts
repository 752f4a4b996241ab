import * as fs from 'node:fs';
import { type JourneyDefinitions, parseJourneyDefinitions } from '@touchpoint/journey-model';

export const JOURNEY_DEFINITIONS = Symbol('JOURNEY_DEFINITIONS');

/** Reads and validates the definitions file once at boot: a bad file stops the service with the fields named. */
export function loadJourneyDefinitions(file: string): JourneyDefinitions {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`JOURNEY_DEFINITIONS_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`JOURNEY_DEFINITIONS_FILE ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseJourneyDefinitions(json, file);
}
