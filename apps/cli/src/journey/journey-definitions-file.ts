import fs from 'node:fs';
import path from 'node:path';
import { type JourneyDefinitions, parseJourneyDefinitions } from '@touchpoint/journey-model';
import { CliError } from '../cli-error';

// The launcher lives in apps/cli/bin and the sources in apps/cli/src: the workspace root is three up from here.
const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * The journey rules the service runs with: the file journey is configured with
 * (JOURNEY_DEFINITIONS_FILE, a path from the working directory or the workspace root).
 */
export function readJourneyDefinitions(file: string): JourneyDefinitions {
  const candidates = path.isAbsolute(file) ? [file] : [path.resolve(file), path.join(WORKSPACE_ROOT, file)];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new CliError('TP_CLI_USAGE', `journey definitions ${file} not found (--definitions / JOURNEY_DEFINITIONS_FILE)`);
  try {
    return parseJourneyDefinitions(JSON.parse(fs.readFileSync(found, 'utf8')) as unknown, found);
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', `journey definitions ${found}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
