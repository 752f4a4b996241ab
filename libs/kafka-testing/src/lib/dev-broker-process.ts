import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './workspace-root';

export interface DevBrokerProcess {
  readonly address: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
}

/**
 * Runs the dev broker app (apps/kafka-dev-broker) as its own process, as `npm run broker`
 * does, and resolves once it logged its address: a broker a test can kill with SIGKILL.
 */
export function startDevBrokerProcess(dataDir: string, port: number): Promise<DevBrokerProcess> {
  const root = workspaceRoot();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps/kafka-dev-broker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
      KAFKA_DEV_BROKER_PORT: String(port),
      KAFKA_DEV_BROKER_DATA_DIR: dataDir,
      KAFKA_DEV_BROKER_DEFAULT_PARTITIONS: '3',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dev broker did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"address":"([^"]+):(\d+)"/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ address: `${match[1]}:${match[2]}`, port: Number(match[2]), child, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`dev broker exited (${how}) before it was ready:\n${output}`));
    });
  });
}
