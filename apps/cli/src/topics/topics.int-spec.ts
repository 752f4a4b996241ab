import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { Topics } from '@touchpoint/contracts';
import { expectGolden, touchpoint } from '../testing/golden';
import { writeScenario } from '../testing/scenario';

describe('touchpoint topics', () => {
  let kafka: TestKafka;

  beforeAll(async () => {
    kafka = await startTestKafka({ retentionMs: -1 });
    await writeScenario(kafka.kafka);
    // A group that read part of the resolved events and committed: its lag must show.
    const admin = kafka.kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'journey', topic: Topics.eventsResolved.name, partitions: [{ partition: 0, offset: '1' }, { partition: 2, offset: '3' }] });
    await admin.disconnect();
  }, 60_000);

  afterAll(async () => {
    await kafka?.dispose();
  });

  it("lists partitions with their offsets, and a group's committed offsets and lag", async () => {
    const run = await touchpoint(['--brokers', kafka.address, 'topics']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/journey\s+Empty\s+0\s+tp\.events\.resolved\.v1\s+0\s+1\s+2/);
    expectGolden(__dirname, 'topics-table', run);
  });

  it('one topic as JSON; an unknown topic is named with exit code 4', async () => {
    const run = await touchpoint(['--brokers', kafka.address, 'topics', '--topic', Topics.deadLetter.name, '--format', 'json']);
    expect(run.code).toBe(0);
    expectGolden(__dirname, 'topics-json', run);
    const unknown = await touchpoint(['--brokers', kafka.address, 'topics', '--topic', 'tp.nope.v1']);
    expect(unknown.code).toBe(4);
  });
});
