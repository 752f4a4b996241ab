import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

let bundled: string | null = null;
const workspaceRoot = path.resolve(__dirname, '../../../..');

/** Bundles the real broker entry point once per test file, so tests run the app as shipped. */
function brokerEntry(): string {
  if (bundled) return bundled;
  // Inside the workspace so the bundle's external packages resolve from node_modules.
  fs.mkdirSync(path.join(workspaceRoot, 'tmp'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(workspaceRoot, 'tmp', 'broker-bin-'));
  buildSync({
    entryPoints: [path.resolve(__dirname, '../main.ts')],
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    packages: 'external',
    tsconfig: path.resolve(__dirname, '../../tsconfig.app.json'),
    logLevel: 'silent',
  });
  bundled = path.join(outdir, 'main.js');
  return bundled;
}

export interface BrokerProcess {
  readonly address: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
}

/** Starts the broker app in its own process and waits for its "listening" log line. */
export function startBrokerProcess(dataDir: string, port = 0, env: Record<string, string> = {}): Promise<BrokerProcess> {
  const child = spawn(process.execPath, [brokerEntry()], {
    cwd: workspaceRoot,
    env: { ...process.env, KAFKA_DEV_BROKER_PORT: String(port), KAFKA_DEV_BROKER_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`broker did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"address":"([^"]+):(\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ address: `${match[1]}:${match[2]}`, port: Number(match[2]), child, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`broker exited (${how}) before listening:\n${output}`));
    });
  });
}
