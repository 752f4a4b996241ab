import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ProfilesMerged, Topics, TouchpointError } from '@touchpoint/contracts';
import { type DevBroker, startDevBroker } from '@touchpoint/dev-broker';
import { NotReadyError } from '@touchpoint/service-runtime';
import pino from 'pino';
import { ConsumerRunner } from './consumer-runner';
import { ConsumerStats } from './consumer-stats';
import { EventPublisher } from './event-publisher';
import { KafkaReadinessProbe } from './kafka.readiness-probe';
import { TopicProvisioner } from './topic-provisioner';
import { RunnerSpecHarness, fastSettings as fast, testTopic } from '../testing/runner-spec-harness';
import { merged, waitFor } from '../testing/spec-helpers';

/** A dependency the handler really connects to: refused while down, accepted while up. */
class Dependency {
  private server: net.Server | null = null;
  constructor(readonly port: number) {}

  static async reserve(): Promise<Dependency> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return new Dependency(port);
  }

  async up(): Promise<void> {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** Rejects with node's own ECONNREFUSED while down. */
  call(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  }
}

describe('ConsumerRunner against a real broker', () => {
  let harness: RunnerSpecHarness;

  beforeAll(async () => {
    harness = await RunnerSpecHarness.start();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  it('publishes typed values with CloudEvents headers and refuses values that break the schema', async () => {
    const app = await harness.startApp();
    await app.get(TopicProvisioner).ensure([Topics.identityMerged]);
    const publisher = app.get(EventPublisher);
    const [meta] = await publisher.publish(Topics.identityMerged, [{ id: 'merge-1', value: merged('merge-1') }]);
    expect(meta.errorCode).toBe(0);
    await expect(publisher.publish(Topics.identityMerged, [{ id: 'bad', value: { ...merged('x'), survivorProfileId: 'not-a-uuid' } }])).rejects.toThrow();
  });

  it('dead-letters poison and permanent failures at once, unclassified ones after the bound, and moves on', async () => {
    const app = await harness.startApp();
    const topic = testTopic();
    await harness.provision(app, topic);
    const handled: string[] = [];
    const attempts = new Map<string, number[]>();
    await app.get(ConsumerRunner).start({
      groupId: `runner-${randomUUID()}`,
      topic,
      settings: fast,
      handle: async (value) => {
        attempts.set(value.mergeId, [...(attempts.get(value.mergeId) ?? []), Date.now()]);
        if (value.mergeId === 'refused') throw new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', 'nothing to resolve');
        if (value.mergeId === 'buggy') throw new TypeError("Cannot read properties of undefined (reading 'x')");
        handled.push(value.mergeId);
      },
    });
    // One partition, in this order: every bad message sits between good ones.
    for (const value of [
      JSON.stringify(merged('before')),
      '{not json',
      JSON.stringify({ mergeId: 'schema-mismatch' }),
      JSON.stringify(merged('refused')),
      JSON.stringify(merged('buggy')),
      JSON.stringify(merged('after')),
    ]) {
      await harness.send(topic.name, 0, value);
    }

    await waitFor(() => (handled.includes('after') ? true : undefined), 'the message after the bad ones');
    expect(handled).toEqual(['before', 'after']);
    expect(attempts.get('refused')).toHaveLength(1);
    const buggy = attempts.get('buggy') ?? [];
    expect(buggy.length).toBeGreaterThanOrEqual(3);
    // Retried for the whole bound (the last attempt starts at or after it), no longer than a few backoffs past it.
    expect(buggy[buggy.length - 1] - buggy[0]).toBeGreaterThanOrEqual(1_400);
    expect(buggy[buggy.length - 1] - buggy[0]).toBeLessThan(3_000);

    const letters = await waitFor(async () => {
      const found = await harness.deadLettersOf(topic.name);
      return found.length >= 4 ? found : undefined;
    }, 'four dead letters');
    expect(letters.map((l) => l.errorCode).sort()).toEqual(['TP_CONSUMER_HANDLER_FAILED', 'TP_CONSUMER_SCHEMA_MISMATCH', 'TP_CONSUMER_UNDECODABLE', 'TP_IDENTITY_NO_IDENTIFIER']);
    const undecodable = letters.find((l) => l.errorCode === 'TP_CONSUMER_UNDECODABLE');
    expect(Buffer.from(undecodable?.value ?? '', 'base64').toString()).toBe('{not json');
    expect(undecodable?.source).toEqual({ topic: topic.name, partition: 0, offset: '1' });
    expect(app.get(ConsumerStats).snapshot().deadLettered).toMatchObject({ TP_CONSUMER_HANDLER_FAILED: 1, TP_IDENTITY_NO_IDENTIFIER: 1 });
  }, 40_000);

  it('waits on a dependency with the partition paused, never dead-letters, keeps its membership and says why in readiness', async () => {
    const app = await harness.startApp();
    const topic = testTopic();
    await harness.provision(app, topic);
    const dependency = await Dependency.reserve();
    const groupId = `runner-${randomUUID()}`;
    const handled: string[] = [];
    let failures = 0;
    // A 6 s session (Kafka's minimum): were heartbeats to stop while the partition waits, the member would be dropped and rejoin.
    await app.get(ConsumerRunner).start({
      groupId,
      topic,
      settings: { ...fast, backoff: { initialMs: 50, maxMs: 500 }, sessionTimeoutMs: 6_000 },
      handle: async (value) => {
        if (value.mergeId.startsWith('needs-')) {
          try {
            await dependency.call();
          } catch (error) {
            failures++;
            throw error;
          }
        }
        handled.push(value.mergeId);
      },
    });
    await harness.send(topic.name, 0, JSON.stringify(merged('needs-dependency')));
    await harness.send(topic.name, 0, JSON.stringify(merged('after-dependency')));
    await waitFor(() => (failures >= 3 ? true : undefined), 'three failed attempts');

    const notReady = await app.get(KafkaReadinessProbe).check().then(() => null, (error: unknown) => error);
    expect(notReady).toBeInstanceOf(NotReadyError);
    expect((notReady as NotReadyError).details).toEqual([expect.objectContaining({ groupId, topic: topic.name, partition: 0, offset: '0', cause: expect.stringContaining('ECONNREFUSED') })]);

    // The other partition flows while this one waits.
    await harness.send(topic.name, 1, JSON.stringify(merged('other-partition')));
    await waitFor(() => (handled.includes('other-partition') ? true : undefined), 'the other partition');
    expect(handled).toEqual(['other-partition']);

    // Outlast the session timeout, then bring the dependency back.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await dependency.up();
    await waitFor(() => (handled.includes('after-dependency') ? true : undefined), 'the messages once the dependency is back');
    await dependency.down();

    expect(handled).toEqual(['other-partition', 'needs-dependency', 'after-dependency']);
    expect(failures).toBeGreaterThan(10);
    expect(app.get(ConsumerStats).snapshot().groupJoins[groupId]).toBe(1);
    await expect(app.get(KafkaReadinessProbe).check()).resolves.toBeUndefined();
    expect(await harness.deadLettersOf(topic.name)).toEqual([]);
    expect(await waitFor(async () => {
      const offsets = await harness.committed(groupId, topic.name);
      return offsets[0] === '2' && offsets[1] === '1' ? offsets : undefined;
    }, 'offsets past every message')).toEqual({ 0: '2', 1: '1' });
  }, 60_000);

  it('aborts an attempt that overruns its timeout, awaits it before the next, and dead-letters it as a timeout after the bound', async () => {
    const app = await harness.startApp();
    const topic = testTopic();
    await harness.provision(app, topic);
    let inFlight = 0;
    let maxInFlight = 0;
    let aborted = 0;
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({
      groupId: `runner-${randomUUID()}`,
      topic,
      settings: { ...fast, attemptTimeoutMs: 200, unclassifiedRetryMs: 1_000 },
      handle: async (value, { signal }) => {
        if (value.mergeId !== 'hangs') {
          handled.push(value.mergeId);
          return;
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          // Honours the signal, but takes a while to wind down, as real I/O does.
          await new Promise((_, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(signal.reason), 150)));
        } finally {
          aborted += signal.aborted ? 1 : 0;
          inFlight--;
        }
      },
    });
    await harness.send(topic.name, 0, JSON.stringify(merged('hangs')));
    await harness.send(topic.name, 0, JSON.stringify(merged('next')));
    await waitFor(() => (handled.includes('next') ? true : undefined), 'the message after the one that hangs');
    expect(maxInFlight).toBe(1);
    expect(aborted).toBeGreaterThanOrEqual(2);
    const letters = await harness.deadLettersOf(topic.name);
    expect(letters.map((l) => l.errorCode)).toEqual(['TP_CONSUMER_HANDLER_TIMEOUT']);
    expect(app.get(ConsumerStats).snapshot().attemptTimeouts).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('at shutdown lets the message in flight finish, commits it, leaves the waiting one uncommitted and leaves the group', async () => {
    const app = await harness.startApp();
    const topic = testTopic();
    await harness.provision(app, topic);
    const dependency = await Dependency.reserve();
    const groupId = `runner-${randomUUID()}`;
    const handled: string[] = [];
    let failures = 0;
    let slowStarted = false;
    await app.get(ConsumerRunner).start({
      groupId,
      topic,
      settings: fast,
      handle: async (value) => {
        if (value.mergeId === 'needs-dependency') {
          failures++;
          await dependency.call();
        }
        if (value.mergeId === 'slow') {
          slowStarted = true;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        handled.push(value.mergeId);
      },
    });
    await harness.send(topic.name, 0, JSON.stringify(merged('done-first')));
    await harness.send(topic.name, 0, JSON.stringify(merged('needs-dependency')));
    await waitFor(() => (failures >= 2 ? true : undefined), 'the waiting message to fail twice');
    await harness.send(topic.name, 1, JSON.stringify(merged('slow')));
    await waitFor(() => (slowStarted ? true : undefined), 'the slow message to start');

    const closing = Date.now();
    await harness.closeApp(app);
    const tookMs = Date.now() - closing;

    expect(handled).toEqual(['done-first', 'slow']);
    expect(tookMs).toBeLessThan(10_000);
    expect(await harness.committed(groupId, topic.name)).toEqual({ 0: '1', 1: '1' });
    const admin = harness.kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]);
    await admin.disconnect();
    expect(groups[0].members).toEqual([]);
  }, 40_000);

  it('started again after a stop, still waits on a dependency and resumes', async () => {
    const app = await harness.startApp();
    const runner = app.get(ConsumerRunner);
    const earlier = testTopic();
    const topic = testTopic();
    await harness.provision(app, earlier, topic);
    await runner.start({ groupId: `runner-${randomUUID()}`, topic: earlier, settings: fast, handle: async () => undefined });
    await runner.stop();

    const dependency = await Dependency.reserve();
    const handled: string[] = [];
    let failures = 0;
    await runner.start({
      groupId: `runner-${randomUUID()}`,
      topic,
      settings: fast,
      handle: async (value) => {
        try {
          await dependency.call();
        } catch (error) {
          failures++;
          throw error;
        }
        handled.push(value.mergeId);
      },
    });
    await harness.send(topic.name, 0, JSON.stringify(merged('after-restart-of-runner')));
    await waitFor(() => (failures >= 3 ? true : undefined), 'three failed attempts after the restart');
    await dependency.up();
    await waitFor(() => (handled.includes('after-restart-of-runner') ? true : undefined), 'the message once the dependency is back');
    await dependency.down();
  }, 30_000);

  it('survives a rebalance while a partition waits: the waiting message is handled once the dependency is back, by whichever member owns it', async () => {
    const first = await harness.startApp();
    const second = await harness.startApp();
    const topic = testTopic();
    await harness.provision(first, topic);
    const dependency = await Dependency.reserve();
    const groupId = `runner-${randomUUID()}`;
    const handled: string[] = [];
    let failures = 0;
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const handle = async (value: ProfilesMerged): Promise<void> => {
        if (value.mergeId.startsWith('needs-')) {
          try {
            await dependency.call();
          } catch (error) {
            failures++;
            throw error;
          }
        }
        handled.push(value.mergeId);
      };
      await first.get(ConsumerRunner).start({ groupId, topic, settings: fast, handle });
      await harness.send(topic.name, 0, JSON.stringify(merged('needs-dependency')));
      await harness.send(topic.name, 1, JSON.stringify(merged('plain')));
      await waitFor(() => (failures >= 2 && handled.includes('plain') ? true : undefined), 'a waiting partition beside a flowing one');

      // A second member joins: the group rebalances while partition 0 is paused and uncommitted.
      await second.get(ConsumerRunner).start({ groupId, topic, settings: fast, handle });
      await waitFor(() => ((second.get(ConsumerStats).snapshot().groupJoins[groupId] ?? 0) >= 1 ? true : undefined), 'the second member to join');
      const failuresAtRebalance = failures;
      await waitFor(() => (failures > failuresAtRebalance ? true : undefined), 'the message to keep waiting after the rebalance');
      expect(handled).toEqual(['plain']);

      await dependency.up();
      await waitFor(() => (handled.includes('needs-dependency') ? true : undefined), 'the waiting message once the dependency is back');
      await dependency.down();
      expect(await harness.deadLettersOf(topic.name)).toEqual([]);
      expect(await waitFor(async () => {
        const offsets = await harness.committed(groupId, topic.name);
        return offsets[0] === '1' && offsets[1] === '1' ? offsets : undefined;
      }, 'offsets past both messages')).toEqual({ 0: '1', 1: '1' });

      for (const app of [first, second]) await harness.closeApp(app);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  }, 60_000);

  // A restart needs a broker of the spec's own, so this one runs on a dev broker whatever the run's Kafka.
  it('rejoins after a broker restart forgot its member, without an unhandled rejection, and still shuts down cleanly', async () => {
    const restartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-kafka-lib-restart-'));
    const quiet = pino({ level: 'silent' });
    let restarting: DevBroker = await startDevBroker({ port: 0, dataDir: restartDir, logger: quiet });
    const port = restarting.port;
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const app = await harness.startApp(restarting.address);
      const topic = testTopic();
      await harness.provision(app, topic);
      const groupId = `runner-${randomUUID()}`;
      const handled: string[] = [];
      await app.get(ConsumerRunner).start({ groupId, topic, settings: fast, handle: async (value) => void handled.push(value.mergeId) });
      const publisher = app.get(EventPublisher);
      await publisher.publish(topic, [{ id: 'before', value: merged('before-restart') }]);
      await waitFor(() => (handled.includes('before-restart') ? true : undefined), 'the message before the restart');

      await restarting.stop();
      restarting = await startDevBroker({ port, dataDir: restartDir, logger: quiet });
      await waitFor(
        () => publisher.publish(topic, [{ id: 'after', value: merged('after-restart') }]).then(() => true, () => undefined),
        'a publish to the restarted broker',
      );
      await waitFor(() => (handled.includes('after-restart') ? true : undefined), 'the message after the restart', 40_000);
      // Fetches need no membership, so the message can arrive before a heartbeat finds the member forgotten and the consumer rejoins.
      const joins = await waitFor(() => {
        const count = app.get(ConsumerStats).snapshot().groupJoins[groupId] ?? 0;
        return count >= 2 ? count : undefined;
      }, 'the rejoin after the restart', 40_000);
      expect(joins).toBeGreaterThanOrEqual(2);

      await harness.closeApp(app);
      // Whatever kafkajs rejects while leaving surfaces within a tick or two of the close.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(handled.filter((id) => id === 'before-restart')).toHaveLength(1);
    } finally {
      process.off('unhandledRejection', record);
      await restarting.stop();
      fs.rmSync(restartDir, { recursive: true, force: true });
    }
  }, 90_000);
});
