import fs from 'node:fs';
import path from 'node:path';
import { Topics } from '@touchpoint/contracts';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { HARNESS_READ_TOKEN, IngestClient, JACKET, playCustomerStory, startTestSystem, type StoryOutcome, type TestSystem, TopicWatcher, workspaceRoot } from '@touchpoint/system-harness';
import { type Browser, chromium, type Page } from 'playwright-core';
import { z } from 'zod';

/** Debian's chromium; nothing here downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(workspaceRoot(), 'tmp', 'explorer', 'explorer-phone.png');
/** Its first two phone screens, the size of the picture in the README (docs/images/explorer-phone.png). */
const SCREENSHOT_TOP = path.join(workspaceRoot(), 'tmp', 'explorer', 'explorer-phone-top.png');

const axeViolations = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullable(),
    help: z.string(),
    nodes: z.array(z.object({ target: z.array(z.unknown()) })),
  }),
);

/** axe-core's full rule set on the page as it is now (injected at page load); the spec has no DOM types, so the page runs it as a script. */
async function accessibilityViolations(page: Page): Promise<z.output<typeof axeViolations>> {
  const found: unknown = await page.evaluate(
    'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))',
  );
  return axeViolations.parse(found);
}

describe('the journey explorer page, in headless Chromium', () => {
  let kafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;
  let browser: Browser;
  let outcome: StoryOutcome;

  beforeAll(async () => {
    kafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({ label: 'explorer', kafkaBrokers: kafka.brokers, logLevel: 'warn', explorer: {} });
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.journeyTransitions.name, Topics.recommendations.name]);
    ingest = new IngestClient(system.urls.ingest);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    outcome = await playCustomerStory({ name: 'sanne', buys: 'store', returnsInStore: false }, ingest, watcher, () => undefined);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await watcher?.stop();
    await system?.stop();
    await kafka?.dispose();
  });

  it('finds the customer by loyalty card, shows the store purchase and why retargeting stopped, updates live, and passes axe-core', async () => {
    // A phone's screen, with the page's own content security policy in force.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    try {
      // Through the browser's init scripts, which the page's policy does not govern (an inline script tag it would refuse).
      await page.addInitScript({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
      await page.goto(system.explorerUrl ?? '');
      await page.getByLabel('Access token').fill(HARNESS_READ_TOKEN);
      await page.getByRole('button', { name: 'Use token' }).click();
      await page.getByLabel('Identifier type').selectOption('loyaltyId');
      await page.getByLabel('Identifier', { exact: true }).fill(outcome.loyaltyId);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { name: `Profile ${outcome.profileId}` }).waitFor({ timeout: 15_000 });

      const storePurchase = page.locator('.timeline li.channel-store', { hasText: 'Order Completed' });
      await storePurchase.waitFor({ timeout: 15_000 });
      expect(await storePurchase.textContent()).toContain('store-amsterdam-01');
      expect(await page.locator('.identifiers li.matched').textContent()).toContain(outcome.loyaltyId);

      // recommendation's decisions API may not be deployed: the page then shows the decisions it saw on the topic.
      const stopped = outcome.retargetingStopped.value;
      const row = page.locator('[data-decision="retargeting.stopped"]', { hasText: JACKET.product_id }).first();
      await row.waitFor({ timeout: 15_000 });
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain('purchased_in_store');
      expect(rowText).toContain(stopped.cause.id);
      const fromTopic = await page.getByText('Shown instead: the decisions this explorer saw on the recommendations topic').count();
      process.stdout.write(`explorer e2e: retargeting.stopped shown from ${fromTopic > 0 ? 'the recommendations topic (decisions API not available)' : 'the decisions API'}\n`);

      // Her tier counts in the spend pyramid of all customers, folded from recommendation's state topic.
      const herTier = page.locator('.pyramid li.current');
      await herTier.waitFor({ timeout: 15_000 });
      expect(Number(await herTier.locator('.pyramid-count').textContent())).toBeGreaterThanOrEqual(1);

      await page.getByText('Live updates on.').waitFor({ timeout: 15_000 });
      await ingest.track({ anonymousId: outcome.anonymousId }, 'Product Added', { product_id: 'boots-11', name: 'Leather boots', price: 149 });
      await page.locator('.live-events li', { hasText: 'boots-11' }).first().waitFor({ timeout: 20_000 });
      await page.locator('.timeline li', { hasText: 'Product Added' }).nth(1).waitFor({ timeout: 15_000 });

      expect(await accessibilityViolations(page)).toEqual([]);
      // Nothing the page needs was refused by its content security policy, and no script failed.
      expect(refused).toEqual([]);
      // Nothing on the page may be an email address: identity's answers carry keyed hashes only.
      expect(await page.locator('body').innerText()).not.toMatch(/@example\.com/);

      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.screenshot({ path: SCREENSHOT_TOP, fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1688 } });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- service warnings and errors ---\n${system.serviceWarnings(30)}`);
    } finally {
      await page.close();
    }
  });
});
