/**
 * The Dockerfile check `.ci/run` runs (no Docker engine needed):
 *  1. lint: dockerfile-utils' validator, every diagnostic is a failure;
 *  2. policy: a non-root USER in the service stages, exec-form ENTRYPOINT/CMD (node is PID 1
 *     and receives SIGTERM), production dependencies only (`npm ci --omit=dev`);
 *  3. replay: the build and start steps read from the Dockerfile are run in a clean folder
 *     (tools/ops/dockerfile/replay-dockerfile.ts), then the identity stage's command starts
 *     against a dev broker, a fresh Postgres database and Redis, and must turn ready.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevBroker } from '@touchpoint/dev-broker';
import { freePort } from '@touchpoint/kafka-testing';
import { dropDatabase } from '@touchpoint/persistence';
import { DockerfileParser, From, Run, User } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import pino from 'pino';
import { type CheckResult, type OpsCheck, workspace } from './ops-check';
import { hostNodeMatches, removeScratch, replayDockerfile } from './dockerfile/replay-dockerfile';

const SERVICES = ['ingest', 'identity', 'journey', 'recommendation'];
/** The stage started for real: it needs all three dependencies, so readiness covers each. */
const STARTED_STAGE = 'identity';

function lint(content: string): string[] {
  return validate(content).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
}

function policy(content: string): string[] {
  const problems: string[] = [];
  const dockerfile = DockerfileParser.parse(content);
  const stageNames = dockerfile.getFROMs().map((from: From) => from.getBuildStage());
  for (const service of SERVICES) if (!stageNames.includes(service)) problems.push(`no stage named ${service}`);
  const users = dockerfile.getInstructions().filter((instruction): instruction is User => instruction instanceof User);
  const user = users.at(-1)?.getArgumentsContent() ?? null;
  if (user === null || /^(0|root)(:|$)/.test(user)) problems.push(`the runtime user must be non-root, found ${user ?? 'none'}`);
  const runs = dockerfile.getInstructions().filter((instruction): instruction is Run => instruction instanceof Run);
  if (!runs.some((run) => /npm ci\b.*--omit=dev/.test(run.getRawArgumentsContent() ?? ''))) problems.push('no stage installs production dependencies only (npm ci --omit=dev)');
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !(instruction.getArgumentsContent() ?? '').trim().startsWith('[')) {
      problems.push(`line ${instruction.getRange().start.line + 1}: ${keyword} in shell form puts a shell in front of node, which then never sees SIGTERM`);
    }
  }
  return problems;
}

async function waitReady(url: string, child: ReturnType<typeof spawn>, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was ready:\n${output().slice(-3000)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`not ready at ${url} within ${timeoutMs} ms (${last}):\n${output().slice(-3000)}`);
}

async function replayAndStart(log: (line: string) => void): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-dockerfile-'));
  const broker = await startDevBroker({ port: 0, dataDir: path.join(scratch, 'broker'), defaultPartitions: 3, logger: pino({ level: 'warn' }) });
  const databaseUrl = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/touchpoint');
  databaseUrl.pathname = `/tp_ops_image_${randomBytes(4).toString('hex')}`;
  try {
    const stage = replayDockerfile({ dockerfile: path.join(workspace, 'Dockerfile'), context: workspace, target: STARTED_STAGE, scratch: path.join(scratch, 'stages'), onStep: log });
    for (const image of stage.baseImages) if (!hostNodeMatches(image)) throw new Error(`the base image ${image} is not the host's Node.js ${process.version}: the replay would prove nothing`);
    const [program, ...args] = stage.command;
    if (program !== 'node') throw new Error(`the ${STARTED_STAGE} stage's command starts with ${program}, expected node`);
    const cwd = path.join(stage.root, stage.workdir);
    const port = await freePort();
    const env = {
      PATH: process.env['PATH'] ?? '',
      ...stage.env,
      KAFKA_BROKERS: broker.address,
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
      REDIS_KEY_PREFIX: `tp-ops-${randomBytes(3).toString('hex')}:`,
      HTTP_HOST: '127.0.0.1',
      IDENTITY_HTTP_PORT: String(port),
    };
    // The image's migrations command: the same entry folder, migrate.js beside main.js.
    const migrate = spawnSync(process.execPath, [args[0].replace(/main\.js$/, 'migrate.js')], { cwd, env, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrations from the replayed image failed:\n${migrate.stdout}${migrate.stderr}`);
    log(`migrations: ${migrate.stdout.trim().split('\n').at(-1) ?? ''}`);
    let output = '';
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitReady(`http://127.0.0.1:${port}/health/ready`, child, () => output, 90_000);
      log(`${STARTED_STAGE} from the replayed image is ready on :${port}`);
    } finally {
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
    }
  } finally {
    await broker.stop();
    await dropDatabase(databaseUrl.toString()).catch(() => undefined);
    removeScratch(scratch);
  }
}

export const dockerfileChecks: readonly OpsCheck[] = [
  {
    name: 'Dockerfile lint (dockerfile-utils)',
    run: async (): Promise<CheckResult> => ({ problems: lint(fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')) }),
  },
  {
    name: 'Dockerfile policy (non-root, exec form, production dependencies)',
    run: async (): Promise<CheckResult> => ({ problems: policy(fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')) }),
  },
  {
    name: `Dockerfile build and start steps replayed, ${STARTED_STAGE} ready`,
    run: async (log): Promise<CheckResult> => {
      await replayAndStart(log);
      return { problems: [] };
    },
  },
];
