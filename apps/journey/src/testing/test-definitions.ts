import path from 'node:path';
import { workspaceRoot } from '@touchpoint/kafka-testing';
import { loadJourneyDefinitions } from '../app/journey-definitions';

/** The shipped definitions file by absolute path: specs run from the project folder, not the workspace root. */
export const TEST_DEFINITIONS_FILE = path.join(workspaceRoot(), 'config', 'journey-definitions.v1.json');

export const testDefinitions = () => loadJourneyDefinitions(TEST_DEFINITIONS_FILE);
