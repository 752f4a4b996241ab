import fs from 'node:fs';
import path from 'node:path';
import { type JourneyDefinitions, parseJourneyDefinitions } from '@touchpoint/journey-model';
import { CliError } from '../cli-error';

/** The workspace holding nx.json above `start`, where the default definitions file lives; null outside one. */
function workspaceAbove(start: string): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The journey rules the service runs with: the file journey is configured with
 * (JOURNEY_DEFINITIONS_FILE, a path from the working directory or the workspace root).
 */
export function readJourneyDefinitions(file: string): JourneyDefinitions {
  // The command runs from a bundle under node_modules/.cache or from the sources: both lie inside the workspace.
  const roots = [workspaceAbove(process.cwd()), workspaceAbove(__dirname)].filter((dir): dir is string => dir !== null);
  const candidates = path.isAbsolute(file) ? [file] : [path.resolve(file), ...roots.map((dir) => path.join(dir, file))];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new CliError('TP_CLI_USAGE', `journey definitions ${file} not found (--definitions / JOURNEY_DEFINITIONS_FILE)`);
  try {
    return parseJourneyDefinitions(JSON.parse(fs.readFileSync(found, 'utf8')) as unknown, found);
  } catch (error) {
    throw new CliError('TP_CLI_USAGE', `journey definitions ${found}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
