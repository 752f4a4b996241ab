import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import type { EachMessagePayload } from 'kafkajs';
import { startTestKafka, type TestKafka, testKafkaKind } from '@touchpoint/kafka-testing';

/**
 * librdkafka conformance through the kcat CLI. kcat is a hard requirement (`.ci/run`
 * installs it): a missing binary fails the suite instead of skipping it, so a CI image
 * without it cannot turn this coverage off unnoticed.
 */
const KCAT = process.env['KCAT'] ?? 'kcat';
const COMMAND_TIMEOUT_MS = 20_000;
/** Group tests wait for librdkafka's rebalance rounds (a 3 s heartbeat interval each). */
const TEST_TIMEOUT_MS = 60_000;

interface KcatResult {
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ChildProcessWithoutNullStreams>();

function describeCommand(args: readonly string[], stderr: string): string {
  return `kcat ${args.join(' ')}\n--- stderr ---\n${stderr.slice(-4000)}`;
}

/** Runs kcat to completion (it must exit by itself, e.g. thanks to -e or stdin EOF). */
function runKcat(args: readonly string[], input?: string): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(KCAT, args, { stdio: 'pipe' });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${COMMAND_TIMEOUT_MS} ms: ${describeCommand(args, stderr)}`));
    }, COMMAND_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`exited with ${code ?? signal}: ${describeCommand(args, stderr)}`));
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * A long-running kcat (balanced group consumers never exit on their own): collects
 * stdout lines and stderr, and stops gracefully with SIGTERM so the member leaves the
 * group and commits its offsets, as a user pressing Ctrl-C would.
 */
class KcatProcess {
  readonly lines: string[] = [];
  stderr = '';
  private partial = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  constructor(readonly args: readonly string[]) {
    this.child = spawn(KCAT, args, { stdio: 'pipe' });
    running.add(this.child);
    this.child.stdin.end();
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.wake();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.stderr += `\n${error.message}`;
        resolve(null);
      });
      this.child.on('close', (code) => {
        running.delete(this.child);
        this.wake();
        resolve(code);
      });
    });
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  onOutput(listener: () => void): () => void {
    this.waiters.add(listener);
    return () => this.waiters.delete(listener);
  }

  /** The partitions of `topic` in kcat's most recent "assigned:" report, or null before the first. */
  latestAssignment(topic: string): number[] | null {
    const assigned = [...this.stderr.matchAll(/rebalanced \(memberid [^)]*\): assigned: (.*)$/gm)];
    const last = assigned.at(-1);
    if (!last) return null;
    return [...last[1].matchAll(/(\S+) \[(\d+)\]/g)].filter((m) => m[1] === topic).map((m) => Number(m[2]));
  }

  async stop(): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(killer);
    }
  }
}

/** Resolves once `condition` holds, re-checked whenever any of `processes` writes something. */
function waitFor(processes: readonly KcatProcess[], description: string, condition: () => boolean, timeoutMs = COMMAND_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const unsubscribe: (() => void)[] = [];
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
      if (error) reject(error);
      else resolve();
    };
    const check = (): void => {
      if (condition()) return finish();
      const dead = processes.find((p) => !p.alive);
      if (dead) finish(new Error(`kcat exited before ${description}: ${describeCommand(dead.args, dead.stderr)}`));
    };
    const timer = setTimeout(() => {
      const detail = processes.map((p) => `${p.lines.length} line(s) from ${describeCommand(p.args, p.stderr)}`).join('\n');
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; ${detail}`));
    }, timeoutMs);
    for (const p of processes) unsubscribe.push(p.onOutput(check));
    check();
  });
}

function groupConsumer(address: string, group: string, topic: string): KcatProcess {
  // -u: stdout is a pipe, and without it kcat buffers records until it exits.
  return new KcatProcess(['-b', address, '-G', group, '-X', 'auto.offset.reset=earliest', '-u', '-f', '%p|%k=%s\\n', topic]);
}

function parseLines(lines: readonly string[]): { partition: number; line: string }[] {
  return lines.filter((l) => l.length > 0).map((l) => ({ partition: Number(l.slice(0, l.indexOf('|'))), line: l.slice(l.indexOf('|') + 1) }));
}

describe(`librdkafka (kcat) against the ${testKafkaKind()}`, () => {
  let broker: TestKafka;

  beforeAll(async () => {
    try {
      execFileSync(KCAT, ['-V'], { stdio: 'pipe', timeout: 10_000 });
    } catch (error) {
      throw new Error(
        `kcat is required for the librdkafka conformance suite but '${KCAT} -V' failed (${error instanceof Error ? error.message : String(error)}). ` +
          'Install it with `apt-get install kcat` (.ci/run does this) or point KCAT at the binary.',
      );
    }
    broker = await startTestKafka();
  });

  afterEach(() => {
    // A failed assertion must not leave a consumer running past the test.
    for (const child of running) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await broker?.dispose();
  });

  async function createTopic(topic: string, numPartitions: number): Promise<void> {
    const admin = broker.kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true })).toBe(true);
    } finally {
      await admin.disconnect();
    }
  }

  async function produce(topic: string, messages: { key: string; value: string; partition?: number; timestamp?: string }[]): Promise<void> {
    const producer = broker.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  it('lists a topic created through kafkajs with its partitions (-L)', async () => {
    await createTopic('kcat-listed', 3);

    const { stdout } = await runKcat(['-b', broker.address, '-L']);

    // Node ids differ between brokers (the dev broker is 0, a KRaft node its node.id).
    const listed = new RegExp(`broker (\\d+) at ${broker.address.replace(/\./g, '\\.')}`).exec(stdout);
    expect(listed).not.toBeNull();
    const nodeId = Number(listed?.[1]);
    expect(stdout).toContain('topic "kcat-listed" with 3 partitions:');
    const section = stdout.slice(stdout.indexOf('topic "kcat-listed"')).split(/\n {2}topic /)[0];
    const partitions = [...section.matchAll(/partition (\d+), leader (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(partitions).toEqual([
      [0, nodeId],
      [1, nodeId],
      [2, nodeId],
    ]);
  }, TEST_TIMEOUT_MS);

  it('produces keyed lines (-P -K:) that kafkajs consumes with the right keys and values', async () => {
    await createTopic('kcat-produced', 1);
    const lines = ['alpha:one', 'beta:two:with:colons', 'gamma:', 'delta:four'];

    await runKcat(['-P', '-b', broker.address, '-t', 'kcat-produced', '-K:'], `${lines.join('\n')}\n`);

    const consumer = broker.kafka.consumer({ groupId: 'kcat-produced-reader' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'kcat-produced', fromBeginning: true });
      const seen: EachMessagePayload[] = [];
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async (payload) => {
              seen.push(payload);
              if (seen.length === lines.length) resolve();
            },
          })
          .catch(reject);
      });
      expect(seen.map((p) => [p.message.key?.toString(), p.message.value?.toString(), p.message.offset])).toEqual([
        ['alpha', 'one', '0'],
        ['beta', 'two:with:colons', '1'],
        ['gamma', '', '2'],
        ['delta', 'four', '3'],
      ]);
    } finally {
      await consumer.disconnect();
    }
  }, TEST_TIMEOUT_MS);

  it('reads back everything kafkajs produced (-C -o beginning -e), across partitions and with -p', async () => {
    await createTopic('kcat-consumed', 2);
    const onP0 = Array.from({ length: 5 }, (_, i) => ({ key: `p0-${i}`, value: `zero-${i}`, partition: 0 }));
    const onP1 = Array.from({ length: 3 }, (_, i) => ({ key: `p1-${i}`, value: `one-${i}`, partition: 1 }));
    await produce('kcat-consumed', [...onP0, ...onP1]);

    const all = await runKcat(['-C', '-b', broker.address, '-t', 'kcat-consumed', '-o', 'beginning', '-e', '-q', '-f', '%k=%s\\n']);
    const partition0 = await runKcat(['-C', '-b', broker.address, '-t', 'kcat-consumed', '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%k=%s@%o\\n']);

    const expectedAll = [...onP0, ...onP1].map((m) => `${m.key}=${m.value}`);
    expect(all.stdout.trim().split('\n').sort()).toEqual(expectedAll.sort());
    // A single partition comes back complete, in offset order.
    expect(partition0.stdout.trim().split('\n')).toEqual(onP0.map((m, i) => `${m.key}=${m.value}@${i}`));
  }, TEST_TIMEOUT_MS);

  it('starts at the first record at or after a timestamp (-o s@<ms>)', async () => {
    await createTopic('kcat-timestamps', 1);
    const base = Date.now() - 60 * 60 * 1000;
    const messages = [0, 1, 2, 3, 4].map((i) => ({ key: `t${i}`, value: `at-${i}`, timestamp: String(base + i * 1000) }));
    await produce('kcat-timestamps', messages);

    const read = (offsetSpec: string) =>
      runKcat(['-C', '-b', broker.address, '-t', 'kcat-timestamps', '-o', offsetSpec, '-e', '-q', '-f', '%k=%s@%T\\n']).then((r) => r.stdout.trim());

    // Between two records: starts at the later one.
    expect((await read(`s@${base + 2500}`)).split('\n')).toEqual([`t3=at-3@${base + 3000}`, `t4=at-4@${base + 4000}`]);
    // Exactly on a record's timestamp: that record is included.
    expect((await read(`s@${base + 1000}`)).split('\n')).toEqual(['t1', 't2', 't3', 't4'].map((k, i) => `${k}=at-${i + 1}@${base + (i + 1) * 1000}`));
    // After the last record: nothing to read.
    expect(await read(`s@${base + 10_000}`)).toBe('');
  }, TEST_TIMEOUT_MS);

  it('delivers every message to a balanced group consumer (-G) and commits its offsets', async () => {
    await createTopic('kcat-group', 1);
    const messages = Array.from({ length: 20 }, (_, i) => ({ key: `g${i}`, value: `member-${i}` }));
    await produce('kcat-group', messages);
    const expected = messages.map((m) => `${m.key}=${m.value}`);

    const member = groupConsumer(broker.address, 'kcat-solo', 'kcat-group');
    await waitFor([member], `${expected.length} records`, () => member.lines.length >= expected.length);
    expect(await member.stop()).toBe(0);

    expect(parseLines(member.lines).map((l) => l.line)).toEqual(expected);
    // The graceful close committed the position, so the group resumes after the last record.
    const admin = broker.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId: 'kcat-solo', topics: ['kcat-group'] });
      expect(offsets).toEqual([{ topic: 'kcat-group', partitions: [expect.objectContaining({ partition: 0, offset: String(expected.length) })] }]);
    } finally {
      await admin.disconnect();
    }
  }, TEST_TIMEOUT_MS);

  it('rebalances a 2-partition topic when a second kcat member joins, the two together receiving every message', async () => {
    const topic = 'kcat-group-pair';
    await createTopic(topic, 2);
    const line = (m: { key: string; value: string }): string => `${m.key}=${m.value}`;
    const before = Array.from({ length: 10 }, (_, i) => ({ key: `early${i}`, value: `v${i}`, partition: i % 2 }));
    await produce(topic, before);

    // Alone in the group, the first member owns both partitions and reads the backlog.
    const first = groupConsumer(broker.address, 'kcat-pair', topic);
    await waitFor([first], 'the backlog on both partitions', () => first.lines.length >= before.length && first.latestAssignment(topic)?.length === 2);

    // A second member forces a rebalance of the stable group; each ends up with one partition.
    const second = groupConsumer(broker.address, 'kcat-pair', topic);
    const assignments = (): [number[] | null, number[] | null] => [first.latestAssignment(topic), second.latestAssignment(topic)];
    await waitFor([first, second], 'one partition assigned to each member', () => {
      const [a, b] = assignments();
      return a?.length === 1 && b?.length === 1 && a[0] !== b[0];
    });

    const after = Array.from({ length: 30 }, (_, i) => ({ key: `late${i}`, value: `v${i}`, partition: i % 2 }));
    await produce(topic, after);
    const lateLines = (member: KcatProcess) => parseLines(member.lines).filter((l) => l.line.startsWith('late'));
    await waitFor([first, second], `${after.length} new records across both members`, () => lateLines(first).length + lateLines(second).length >= after.length);
    const [firstOwns, secondOwns] = assignments().map((a) => a?.[0]);
    await Promise.all([first.stop(), second.stop()]);

    const everything = new Set([...parseLines(first.lines), ...parseLines(second.lines)].map((l) => l.line));
    expect([...everything].sort()).toEqual([...before, ...after].map(line).sort());
    // After the rebalance each member reads only its own partition, in order, each record once.
    expect(lateLines(first).map((l) => l.line)).toEqual(after.filter((m) => m.partition === firstOwns).map(line));
    expect(lateLines(second).map((l) => l.line)).toEqual(after.filter((m) => m.partition === secondOwns).map(line));
    expect(lateLines(first).every((l) => l.partition === firstOwns)).toBe(true);
    expect(lateLines(second).every((l) => l.partition === secondOwns)).toBe(true);
  }, TEST_TIMEOUT_MS);
});
