import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../free-port';
import { type ApacheKafkaDistribution, resolveApacheKafka } from './apache-kafka-distribution';
import { type KafkaUser, type SaslMechanism, scramCredentialArguments, type SecureListenerOptions, serverProperties } from './server-properties';
import { createTlsMaterial, type TlsMaterial } from './tls-material';

const run = promisify(execFile);

export interface ApacheKafkaOptions {
  /** Client port of the PLAINTEXT listener; 0 or unset picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** Where the log and the node's metadata live; a new temporary folder when unset. Kept on stop only if given. */
  readonly dataDir?: string;
  /** Adds an authenticated listener (SASL, over TLS unless `tls: false`). */
  readonly secure?: { readonly port?: number; readonly mechanisms: readonly SaslMechanism[]; readonly users: readonly KafkaUser[]; readonly tls?: boolean };
  readonly heapMb?: number;
  readonly overrides?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for the broker to answer after the JVM started. */
  readonly startTimeoutMs?: number;
}

export interface ApacheKafka {
  readonly version: string;
  readonly host: string;
  readonly port: number;
  /** host:port of the PLAINTEXT listener. */
  readonly address: string;
  readonly brokers: readonly string[];
  /** host:port of the authenticated listener, when one was asked for. */
  readonly secureAddress: string | null;
  readonly tls: TlsMaterial | null;
  readonly dataDir: string;
  /** Process id of the broker's JVM (changes on restart). */
  pid(): number | undefined;
  /** SIGKILL of the JVM, as a crash would: nothing is flushed or closed. */
  kill(): Promise<void>;
  /** Starts the same node again on the same ports and data. */
  restart(): Promise<void>;
  /** Orderly shutdown (SIGTERM, SIGKILL after a grace period); removes a temporary data folder. */
  stop(): Promise<void>;
}

/** A 16-byte id in Kafka's text form (URL-safe base64, no padding), as `kafka-storage random-uuid` prints. */
function clusterId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Runs the JVM under a small shell guard that ends it when the Node process that asked for it
 * dies, even by SIGKILL: no orphaned broker keeps ports and disk after a crashed test run.
 */
function spawnGuarded(distribution: ApacheKafkaDistribution, heapMb: number, propertiesPath: string, logFile: string): ChildProcess {
  const guard = [
    'parent=$1; shift',
    '"$@" >>"$LOG_FILE" 2>&1 &',
    'child=$!',
    'echo "$child"',
    'trap \'kill -TERM $child 2>/dev/null; wait $child; exit\' TERM INT',
    'while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done',
    'kill -TERM "$child" 2>/dev/null; wait "$child"',
  ].join('\n');
  const java = [distribution.javaExecutable, `-Xms${Math.min(heapMb, 256)}m`, `-Xmx${heapMb}m`, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', distribution.classpath, 'kafka.Kafka', propertiesPath];
  return spawn('bash', ['-c', guard, 'apache-kafka-guard', String(process.pid), ...java], {
    env: { ...process.env, LOG_FILE: logFile },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

async function answers(address: string, timeoutMs: number, alive: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const admin = new Kafka({ clientId: 'apache-kafka-probe', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    for (;;) {
      if (!alive()) throw new Error(`Apache Kafka exited during start:\n${tail(logFile)}`);
      try {
        await admin.connect();
        await admin.describeCluster();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`Apache Kafka did not answer on ${address} within ${timeoutMs} ms:\n${tail(logFile)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function tail(logFile: string): string {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts one Apache Kafka node in KRaft mode (broker and controller in one JVM) from the
 * pinned Maven Central artifacts: formats its storage on first use, starts the JVM, and
 * resolves once a client gets cluster metadata from it.
 */
export async function startApacheKafka(options: ApacheKafkaOptions = {}): Promise<ApacheKafka> {
  const distribution = await resolveApacheKafka();
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort());
  const controllerPort = await freePort();
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tp-apache-kafka-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const logDir = path.join(dataDir, 'log');
  const logFile = path.join(dataDir, 'server.log');

  const tls = options.secure && options.secure.tls !== false ? await createTlsMaterial(dataDir, distribution.javaExecutable) : null;
  const secure: SecureListenerOptions | null = options.secure
    ? {
        port: options.secure.port || (await freePort()),
        mechanisms: options.secure.mechanisms,
        users: options.secure.users,
        tls: tls ? { keystorePath: tls.keystorePath, password: tls.password } : null,
      }
    : null;
  const propertiesPath = path.join(dataDir, 'server.properties');
  fs.writeFileSync(propertiesPath, serverProperties({ nodeId: 1, host, port, controllerPort, logDir, secure, overrides: options.overrides ?? {} }));

  if (!fs.existsSync(path.join(logDir, 'meta.properties'))) {
    await run(distribution.javaExecutable, [
      '-cp', distribution.classpath, // '=' keeps an id that starts with '-' from reading as an option.
      'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId()}`, '-c', propertiesPath, '--standalone', ...scramCredentialArguments(secure),
    ]).catch((error: unknown) => {
      throw new Error(`formatting Apache Kafka storage failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  let guard: ChildProcess | null = null;
  let jvmPid: number | undefined;
  const launch = async (): Promise<void> => {
    const child = spawnGuarded(distribution, options.heapMb ?? 768, propertiesPath, logFile);
    guard = child;
    jvmPid = await new Promise<number>((resolve, reject) => {
      child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim().split('\n')[0])));
      child.once('exit', (code) => reject(new Error(`Apache Kafka guard exited (${code}) before the JVM started`)));
    });
    const alive = (): boolean => child.exitCode === null && child.signalCode === null;
    await answers(`${host}:${port}`, options.startTimeoutMs ?? 90_000, alive, logFile);
  };
  const exited = (child: ChildProcess | null): Promise<void> =>
    !child || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

  const shutdown = async (): Promise<void> => {
    const child = guard;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (jvmPid) process.kill(jvmPid, 'SIGKILL');
    }, 20_000);
    await exited(child);
    clearTimeout(timer);
    guard = null;
  };

  try {
    await launch();
  } catch (error) {
    await shutdown();
    throw error;
  }

  return {
    version: distribution.version,
    host,
    port,
    address: `${host}:${port}`,
    brokers: [`${host}:${port}`],
    secureAddress: secure ? `${host}:${secure.port}` : null,
    tls,
    dataDir,
    pid: () => jvmPid,
    async kill() {
      const child = guard;
      if (jvmPid) {
        try {
          process.kill(jvmPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited(child);
      guard = null;
    },
    async restart() {
      await shutdown();
      await launch();
    },
    async stop() {
      await shutdown();
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
