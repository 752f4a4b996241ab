/**
 * Runs broker-process.ts in a child process (so the broker and the kafkajs client each get
 * their own core) and talks to it over the IPC channel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type BrokerReady, type ChildMessage, isChildMessage, type ParentMessage, type UsageSample } from './ipc';

export interface BrokerChild {
  readonly ready: BrokerReady;
  /** CPU and event-loop time of the broker process so far. */
  usage(): Promise<UsageSample>;
  /** Starts the broker's in-process CPU profiler. */
  startProfile(): Promise<void>;
  /** Stops the profiler and has the broker write the profile to `file`. */
  stopProfile(file: string): Promise<void>;
  /** SIGTERM (SIGKILL after 10 s), then make sure the data directory is gone. Idempotent. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 30_000;

export async function startBrokerChild(): Promise<BrokerChild> {
  const entry = path.join(__dirname, 'broker-process.ts');
  // process.execArgv carries the TypeScript loader (tsx) this script runs under; the
  // tsconfig that maps @touchpoint/* reaches the child through the inherited environment.
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, entry], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: process.env });
  child.stdout?.resume(); // It prints its address too; the IPC copy is the one used here.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  /** Waits for the first message `pick` accepts, failing on timeout, child exit or an error report. */
  const waitFor = <T>(what: string, timeoutMs: number, pick: (message: ChildMessage) => T | undefined, send?: ParentMessage): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`broker child: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (message: unknown): void => {
        if (!isChildMessage(message)) return;
        if (message.type === 'error') return done(new Error(`broker child: ${message.message}`));
        const picked = pick(message);
        if (picked !== undefined) done(null, picked);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => done(new Error(`broker child exited (code ${code}, signal ${signal}) while waiting for ${what}`));
      const onError = (error: Error): void => done(error);
      function done(error: Error | null, value?: T): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
        if (error) reject(error);
        else resolve(value as T);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', onError);
      if (send) child.send(send);
    });

  let ready: BrokerReady;
  try {
    ready = await waitFor('ready message', READY_TIMEOUT_MS, (m) => (m.type === 'ready' ? m : undefined));
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    ready,
    usage: () => waitFor('usage answer', ANSWER_TIMEOUT_MS, (m) => (m.type === 'usage' ? m.usage : undefined), { type: 'usage' }),
    startProfile: () => waitFor('profile-started', ANSWER_TIMEOUT_MS, (m) => (m.type === 'profile-started' ? true : undefined), { type: 'profile-start' }).then(() => undefined),
    stopProfile: (file) =>
      waitFor('profile-written', ANSWER_TIMEOUT_MS, (m) => (m.type === 'profile-written' && m.file === file ? true : undefined), { type: 'profile-stop', file }).then(() => undefined),
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killTimer);
        }
        // The child removes its data dir itself; this covers a child that died hard.
        fs.rmSync(ready.dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
