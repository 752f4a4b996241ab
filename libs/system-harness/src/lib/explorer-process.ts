import { spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from '@touchpoint/kafka-testing';

/**
 * Builds the explorer's page with Vite, as `nx run explorer:build-web` does, so a clean clone
 * needs no committed bundle. Resolves when the build succeeded, rejects with its output otherwise.
 */
export async function buildExplorerPage(onLine?: (name: string, line: string) => void): Promise<void> {
  const root = workspaceRoot();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'apps/explorer/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (onLine) for (const line of chunk.toString().split('\n')) if (line.trim()) onLine('explorer-build', line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the explorer page did not build (exit ${code}):\n${output.slice(-4000)}`);
}

/** The explorer's environment: the services it reads, on the addresses the system gave them. */
export function explorerEnv(port: number, urls: { readonly identity: string; readonly journey: string; readonly recommendation: string }): Record<string, string> {
  return {
    EXPLORER_HTTP_PORT: String(port),
    IDENTITY_URL: urls.identity,
    JOURNEY_URL: urls.journey,
    RECOMMENDATION_URL: urls.recommendation,
    EXPLORER_WEB_DIR: path.join(workspaceRoot(), 'dist', 'apps', 'explorer', 'web'),
  };
}
