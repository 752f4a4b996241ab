import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Metrics } from '@touchpoint/service-runtime';
import { ConsumerRunner } from './consumer-runner';
import { RunnerSpecHarness, fastSettings as fast, testTopic } from '../testing/runner-spec-harness';
import { merged, waitFor } from '../testing/spec-helpers';

/** The value of one series in Prometheus' text format, or undefined when it is absent. */
function series(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((pair) => candidate.includes(pair)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Kafka metrics of the consumer runner and publisher', () => {
  let harness: RunnerSpecHarness;
  beforeAll(async () => {
    harness = await RunnerSpecHarness.start();
  });
  afterAll(() => harness.dispose());

  it('counts messages in and out per topic, times their handling, reports lag and dead letters by code', async () => {
    const app = await harness.startApp(undefined, { metrics: true });
    const topic = testTopic();
    const group = `metrics-${randomUUID()}`;
    await harness.provision(app, topic);
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({ groupId: group, topic, settings: fast, handle: async (value) => void handled.push(value.mergeId) });
    for (const value of [JSON.stringify(merged('a')), '{not json', JSON.stringify(merged('b')), JSON.stringify(merged('c'))]) await harness.send(topic.name, 0, value);
    await waitFor(() => (handled.includes('c') ? true : undefined), 'the last message handled');

    const metrics = app.get(Metrics);
    const text = await waitFor(async () => {
      const rendered = await metrics.render();
      return series(rendered, 'touchpoint_kafka_consumer_lag', { topic: topic.name, partition: '0', group }) === 0 ? rendered : undefined;
    }, 'lag reported after the commit');
    expect(series(text, 'touchpoint_kafka_messages_consumed_total', { topic: topic.name, group })).toBe(3);
    expect(series(text, 'touchpoint_kafka_processing_seconds_count', { topic: topic.name, group, outcome: 'ok' })).toBe(3);
    expect(series(text, 'touchpoint_kafka_dead_letters_total', { topic: topic.name, code: 'TP_CONSUMER_UNDECODABLE' })).toBe(1);
    expect(series(text, 'touchpoint_kafka_messages_published_total', { topic: 'tp.deadletter.v1' })).toBe(1);
    expect(series(text, 'touchpoint_kafka_partitions_waiting', { topic: topic.name, group })).toBeUndefined();
  }, 40_000);

  it('shows a partition waiting on a dependency while it waits', async () => {
    const app = await harness.startApp(undefined, { metrics: true });
    const topic = testTopic();
    const group = `metrics-wait-${randomUUID()}`;
    await harness.provision(app, topic);
    let dependencyUp = false;
    const handled: string[] = [];
    await app.get(ConsumerRunner).start({
      groupId: group,
      topic,
      settings: fast,
      handle: async (value) => {
        if (!dependencyUp) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
        handled.push(value.mergeId);
      },
    });
    await harness.send(topic.name, 1, JSON.stringify(merged('waits')));
    const metrics = app.get(Metrics);
    await waitFor(async () => (series(await metrics.render(), 'touchpoint_kafka_partitions_waiting', { topic: topic.name, group }) === 1 ? true : undefined), 'the waiting partition');
    dependencyUp = true;
    await waitFor(() => (handled.includes('waits') ? true : undefined), 'the message handled once the dependency is back');
    await waitFor(async () => (series(await metrics.render(), 'touchpoint_kafka_partitions_waiting', { topic: topic.name, group }) === undefined ? true : undefined), 'no partition waiting');
    expect(series(await metrics.render(), 'touchpoint_kafka_processing_seconds_count', { topic: topic.name, group, outcome: 'failed' })).toBeGreaterThanOrEqual(1);
  }, 40_000);
});
