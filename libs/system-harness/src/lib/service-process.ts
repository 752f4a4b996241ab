import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from '@touchpoint/kafka-testing';

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a TypeScript entry point of the workspace as its own process, through SWC so Nest's
 * decorator metadata and the path aliases work exactly as in `nx serve`.
 */
export function spawnEntry(name: string, entry: string, env: Record<string, string>, onLine?: (name: string, line: string) => void): ServiceProcess {
  const root = workspaceRoot();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(name, line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Polls `url` until it answers 200, the process dies, or the time runs out. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    if (service.child.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.child.exitCode} before it was ready:\n${service.output().slice(-4000)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
      lastError = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastError = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${service.name} not ready at ${url} after ${timeoutMs} ms (${lastError}):\n${service.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
