import { spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from '../workspace-root';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('an Apache Kafka whose parent dies', () => {
  it('is stopped by its guard when the process that started it is killed with -9', async () => {
    const root = workspaceRoot();
    const parent = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'fixtures', 'hold-apache-kafka.ts')], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise<{ pid: number }>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { pid: number }));
      parent.once('exit', (code) => reject(new Error(`fixture exited (${code}) before the broker started`)));
    });
    expect(alive(started.pid)).toBe(true);

    parent.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    while (alive(started.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(started.pid)).toBe(false);
  }, 150_000);
});
