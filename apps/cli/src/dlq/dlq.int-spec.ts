import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { readTopicToEnd } from '@touchpoint/kafka';
import { Topics } from '@touchpoint/contracts';
import { expectGolden, touchpoint } from '../testing/golden';
import { writeScenario } from '../testing/scenario';

describe('touchpoint dlq', () => {
  let kafka: TestKafka;
  const dlq = (...args: string[]) => touchpoint(['--brokers', kafka.address, 'dlq', ...args]);

  beforeAll(async () => {
    kafka = await startTestKafka({ retentionMs: -1 });
    await writeScenario(kafka.kafka);
  }, 60_000);

  afterAll(async () => {
    await kafka?.dispose();
  });

  it('lists dead letters with code and source, filters by code, shows one decoded and masked', async () => {
    const all = await dlq('list');
    expect(all.code).toBe(0);
    expectGolden(__dirname, 'dlq-list', all);
    const byCode = await dlq('list', '--code', 'TP_CONSUMER_SCHEMA_MISMATCH', '--format', 'json');
    expect(JSON.parse(byCode.stdout)).toHaveLength(1);
    const id = /^(\d+:\d+)\s.*TP_CONSUMER_SCHEMA_MISMATCH/m.exec(all.stdout)?.[1] ?? 'missing';
    const shown = await dlq('show', id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('sanne@example.com');
    expectGolden(__dirname, 'dlq-show', shown);
    expect((await dlq('show', id, '--show-pii')).stdout).toContain('sanne@example.com');
  });

  it('re-drives each dead letter once, to its source topic', async () => {
    const before = (await readTopicToEnd(kafka.kafka, Topics.eventsResolved.name)).length;
    const dry = await dlq('redrive', '--topic', Topics.eventsResolved.name, '--dry-run');
    const first = await dlq('redrive', '--topic', Topics.eventsResolved.name);
    const second = await dlq('redrive', '--topic', Topics.eventsResolved.name);
    expect([dry.code, first.code, second.code]).toEqual([0, 0, 0]);
    expect((await readTopicToEnd(kafka.kafka, Topics.eventsResolved.name)).length).toBe(before + 1);
    const listed = await dlq('list');
    expect(listed.stdout).toMatch(/TP_CONSUMER_UNDECODABLE.*journey\s+\d+@\d+/);
    expectGolden(__dirname, 'dlq-redrive', { code: 0, stdout: dry.stdout + first.stdout + second.stdout + listed.stdout, stderr: '' });
  }, 60_000);
});
