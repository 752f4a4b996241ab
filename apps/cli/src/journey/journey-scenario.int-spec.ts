import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { expectGolden, touchpoint } from '../testing/golden';
import { type IdentityStandIn, startIdentityStandIn } from '../testing/identity-stand-in';
import { JACKET, SANNE, SANNE_WEB, writeScenario } from '../testing/scenario';

const TOKEN = 'journey-spec-read-token';

describe('touchpoint journey on the fixed scenario', () => {
  let kafka: TestKafka;
  let identity: IdentityStandIn;
  const connection = (): string[] => ['--brokers', kafka.address, '--identity-url', identity.url, '--token', TOKEN, '--journey-url', 'http://127.0.0.1:1'];

  beforeAll(async () => {
    kafka = await startTestKafka({ retentionMs: -1 });
    identity = await startIdentityStandIn(TOKEN);
    await writeScenario(kafka.kafka);
  }, 60_000);

  afterAll(async () => {
    await identity?.close();
    await kafka?.dispose();
  });

  it('rebuilds the journey across the merge, each change with the event behind it, as of --until', async () => {
    const run = await touchpoint([...connection(), 'journey', 'rebuild', '--profile', SANNE_WEB, '--until', '2026-11-05T00:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${JACKET}.unitsOwned 0 -> 1`);
    expectGolden(__dirname, 'rebuild-until', run);
  });

  it('explains the jacket: owned since the store purchase, retargeting stopped under the merged-away id', async () => {
    const run = await touchpoint([...connection(), 'journey', 'explain', '--profile', SANNE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${JACKET}: not retargeted now`);
    expect(run.stdout).not.toContain('MISMATCH');
    expectGolden(__dirname, 'explain', run);
  });

  it('says so when journey cannot be reached for the comparison (exit 8)', async () => {
    const run = await touchpoint([...connection(), 'journey', 'rebuild', '--profile', SANNE]);
    expect(run.code).toBe(8);
    expect(run.stderr).toContain('TP_CLI_SERVICE_FAILED: journey is unreachable');
  });
});
