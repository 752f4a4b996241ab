import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { Topics } from '@touchpoint/contracts';
import { expectGolden, touchpoint } from '../testing/golden';
import { type IdentityStandIn, startIdentityStandIn } from '../testing/identity-stand-in';
import { ERASED, SANNE_WEB, writeScenario } from '../testing/scenario';

const TOKEN = 'replay-spec-read-token';

describe('touchpoint replay', () => {
  let kafka: TestKafka;
  let identity: IdentityStandIn;
  const connection = (): string[] => ['--brokers', kafka.address, '--identity-url', identity.url, '--token', TOKEN];

  beforeAll(async () => {
    kafka = await startTestKafka({ retentionMs: -1 });
    identity = await startIdentityStandIn(TOKEN);
    await writeScenario(kafka.kafka);
  }, 60_000);

  afterAll(async () => {
    await identity?.close();
    await kafka?.dispose();
  });

  it("follows a customer across a merge: the merged-away id's events and the survivor's, from their partitions only", async () => {
    const run = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', 'beginning', '--profile', SANNE_WEB]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Order Completed');
    expect(run.stdout).not.toContain('m-erik-1');
    expectGolden(__dirname, 'replay-profile-table', run);
  });

  it('starts at a time: nothing before --from, nothing from --to on', async () => {
    const run = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', '2026-11-02T10:04:00Z', '--to', '2026-11-03T00:00:00Z', '--format', 'ndjson']);
    expect(run.code).toBe(0);
    const messageIds = run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { value: { event: { messageId: string } } }).value.event.messageId);
    expect(messageIds.sort()).toEqual(['m-erik-1', 'm-sanne-2', 'm-sanne-3']);
    expectGolden(__dirname, 'replay-window-ndjson', run);
  });

  it('finds the raw events by the identifiers identity knows, masks them unless --show-pii, and filters by --type', async () => {
    const masked = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsRaw.name, '--from', 'beginning', '--identifier', 'anonymousId:anon-sanne-8c1f', '--type', 'Product Viewed', '--format', 'json']);
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain('anon-sanne-8c1f');
    expect(masked.stdout).not.toContain('203.0.113.9');
    expectGolden(__dirname, 'replay-identifier-masked', masked);
    const shown = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsRaw.name, '--from', 'beginning', '--identifier', 'anonymousId:anon-sanne-8c1f', '--type', 'Product Viewed', '--format', 'ndjson', '--show-pii']);
    expect(shown.stdout).toContain('anon-sanne-8c1f');
  });

  it('shows nothing of an erased profile: refused by id, left out of a whole-topic read', async () => {
    const refused = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', 'beginning', '--profile', ERASED]);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toBe('');
    const all = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', 'beginning', '--format', 'ndjson']);
    expect(all.stdout).toContain('m-erik-1');
    expect(all.stdout).not.toContain(ERASED);
    expectGolden(__dirname, 'replay-erased', { ...refused, stdout: refused.stdout + all.stdout, stderr: refused.stderr + all.stderr });
  });

  it('leaves no consumer group behind on the cluster', async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const before = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
      const run = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', 'beginning', '--profile', SANNE_WEB, '--format', 'ndjson']);
      expect(run.code).toBe(0);
      expect(run.stdout.trim().split('\n')).toHaveLength(4);
      expect((await admin.listGroups()).groups.map((g) => g.groupId).sort()).toEqual(before);
    } finally {
      await admin.disconnect();
    }
  });

  it('names an unknown topic, an unknown profile, a bad time and an unreachable broker, each with its exit code', async () => {
    const topic = await touchpoint([...connection(), 'replay', '--topic', 'tp.nope.v1', '--from', '2h']);
    const profile = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', '2h', '--profile', '00000000-0000-4000-8000-00000000dead']);
    const time = await touchpoint([...connection(), 'replay', '--topic', Topics.eventsResolved.name, '--from', 'yesterday']);
    const broker = await touchpoint(['--brokers', '127.0.0.1:1', 'replay', '--topic', Topics.eventsResolved.name, '--from', '2h']);
    expect([topic.code, profile.code, time.code, broker.code]).toEqual([4, 5, 2, 3]);
    expectGolden(__dirname, 'replay-errors', { code: 0, stdout: '', stderr: [topic, profile, time, broker].map((r) => `[${r.code}] ${r.stderr}`).join('') });
  }, 30_000);
});
