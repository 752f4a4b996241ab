import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka, workspaceRoot } from '@touchpoint/kafka-testing';
import { HARNESS_ADMIN_TOKEN, HARNESS_READ_TOKEN, IngestClient, playCustomerStory, startTestSystem, type StoryOutcome, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';
import { type CliRun, expectGolden, touchpoint } from '../testing/golden';

/** What differs from run to run of the live system: generated ids, wall-clock times, partitions. */
function normalizeLive(run: CliRun): CliRun {
  const ids = new Map<string, string>();
  const text = (value: string): string =>
    value
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        if (!ids.has(id)) ids.set(id, `<id-${ids.size + 1}>`);
        return ids.get(id) ?? id;
      })
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
      .replace(/-[0-9a-f]{8}\b/g, '-<run>')
      .replace(/tick:\d+/g, 'tick:<ms>')
      .replace(/•••\S{1,3}/g, '•••')
      .replace(/revision \d+/g, 'revision <n>');
  return { code: run.code, stdout: text(run.stdout), stderr: text(run.stderr) };
}

describe('touchpoint journey against the running system', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let sanne: StoryOutcome;
  const cli = (...args: string[]) =>
    touchpoint(['--brokers', system.kafkaBrokers.join(','), '--identity-url', system.urls.identity, '--journey-url', system.urls.journey, '--token', HARNESS_READ_TOKEN, ...args], Date.now());

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'cli', kafkaBrokers: kafka.brokers, logLevel: 'warn' });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    sanne = await playCustomerStory({ name: 'sanne', buys: 'store', returnsInStore: false }, new IngestClient(system.urls.ingest), watcher, () => undefined);
  }, 240_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  it("rebuilds the customer's journey from the topics and finds it equal to journey's live state", async () => {
    const run = await cli('journey', 'rebuild', '--profile', sanne.profileId);
    expect(run.stdout).toContain('no difference');
    expect(run.code).toBe(0);
    expectGolden(__dirname, 'live-rebuild', normalizeLive(run));
  }, 60_000);

  it('explains why the jacket is no longer retargeted: bought in the store, and what platforms were told', async () => {
    const run = await cli('journey', 'explain', '--profile', sanne.profileId, '--product', 'jacket-42');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('jacket-42: not retargeted now');
    expect(run.stdout).toContain('reason purchased_in_store');
    expectGolden(__dirname, 'live-explain', normalizeLive(run));
  }, 60_000);

  it('finds a difference (exit 1) when the rules it folds with are not the ones journey runs', async () => {
    // Definitions in which 150 EUR already makes a medium spender: the jacket (199 EUR) moves Sanne's tier.
    const json = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'config/journey-definitions.v1.json'), 'utf8')) as { tiers: Record<string, number> };
    json.tiers['medium'] = 150;
    const file = path.join(os.tmpdir(), `tp-cli-definitions-${randomUUID()}.json`);
    fs.writeFileSync(file, JSON.stringify(json));
    try {
      const run = await cli('journey', 'rebuild', '--profile', sanne.profileId, '--definitions', file);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('summary.tier: live "small", rebuilt "medium"');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);

  it('imports a catalog into recommendation, listing the rows it rejected (exit 1)', async () => {
    const file = path.join(os.tmpdir(), `tp-cli-catalog-${randomUUID()}.csv`);
    fs.writeFileSync(file, 'productId,name,category,price,currency,accessories\njacket-42,Rain jacket,outerwear,199,EUR,gloves-7;scarf-3\nbroken-1,No price,outerwear,,EUR,\n');
    try {
      const run = await touchpoint(['--catalog-url', system.urls.recommendation, '--admin-token', HARNESS_ADMIN_TOKEN, 'catalog', 'import', file]);
      expect(run.stdout).toMatch(/^1 products imported/);
      expect(run.stderr).toMatch(/^row 3: price: /m);
      expect(run.code).toBe(1);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);
});
