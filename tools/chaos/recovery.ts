import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ShopperLoad } from './load';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a marker through the whole system (a fresh visitor carting a product) and resolves with
 * when its retargeting.started was published, or null if not within `timeoutMs`: ingest, identity,
 * journey and recommendation all work again, and recommendation's outbox reaches the topic.
 */
export async function markerThrough(load: ShopperLoad, productId: string, databaseUrl: string, timeoutMs: number): Promise<number | null> {
  const messageId = `chaos-marker-${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  const accepted = await load.sendMarker({
    anonymousId: `chaos-marker-${randomUUID()}`,
    messageId,
    event: 'Product Added',
    properties: { product_id: productId, quantity: 1, price: 10 },
    context: { channel: 'web' },
    timestamp: new Date().toISOString(),
  }, deadline);
  if (!accepted) return null;
  const client = new Client({ connectionString: databaseUrl });
  // A connection the server ends (an administrator, a restart) fails the query, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM recommendation_decisions WHERE published_at IS NOT NULL AND body->>'type' = 'retargeting.started' AND body->'cause'->>'id' = $1`,
        [messageId],
      );
      if ((rows[0]?.n ?? 0) > 0) return Date.now();
      await sleep(250);
    }
    return null;
  } finally {
    await client.end();
  }
}
