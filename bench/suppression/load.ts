/**
 * Background load for the suppression bench, in its own process so it does not starve the
 * measurement: Segment batches of product views and carts over many anonymous profiles, at a
 * fixed rate (open loop: the schedule does not wait for answers). Prints one JSON line of
 * counts when done.
 *
 *   load.ts <ingest url> <write key> <events per second> <seconds> <profiles>
 */
import { randomUUID } from 'node:crypto';

const [url, writeKey, rateArg, secondsArg, profilesArg] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const profiles = Number(profilesArg);
const BATCH = 50;
const products = Array.from({ length: 200 }, (_, i) => `load-product-${i}`);
const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
const run = randomUUID().slice(0, 8);

function batch(): unknown {
  const now = new Date().toISOString();
  return {
    batch: Array.from({ length: BATCH }, () => {
      const profile = Math.floor(Math.random() * profiles);
      const product = products[Math.floor(Math.random() * products.length)];
      return {
        type: 'track',
        messageId: randomUUID(),
        anonymousId: `load-${run}-${profile}`,
        event: Math.random() < 0.2 ? 'Product Added' : 'Product Viewed',
        properties: { product_id: product, price: 20, quantity: 1 },
        context: { channel: 'web' },
        timestamp: now,
      };
    }),
  };
}

async function main(): Promise<void> {
  const counts = { sent: 0, accepted: 0, refused: 0, failed: 0 };
  const refusals: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const intervalMs = (1_000 * BATCH) / rate;
  for (let i = 0; Date.now() - started < seconds * 1_000; i++) {
    const due = started + i * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    counts.sent += BATCH;
    const request = fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(batch()) })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 200) counts.accepted += BATCH;
        else {
          counts.refused += BATCH;
          refusals[response.status] = (refusals[response.status] ?? 0) + 1;
        }
      })
      .catch(() => {
        counts.failed += BATCH;
      });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  process.stdout.write(`${JSON.stringify({ ...counts, refusals, seconds: (Date.now() - started) / 1_000 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
