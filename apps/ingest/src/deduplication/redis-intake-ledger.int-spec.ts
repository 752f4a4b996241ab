import { randomUUID } from 'node:crypto';
import { RedisClient } from '@touchpoint/redis';
import Redis from 'ioredis';
import { DedupeWindow } from './intake-ledger';
import { IN_FLIGHT_SECONDS, RedisIntakeLedger } from './redis-intake-ledger';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

describe('RedisIntakeLedger against a real Redis', () => {
  const keyPrefix = `tp-ingest-test-${randomUUID()}:`;
  const client = new RedisClient({ url: REDIS_URL, keyPrefix });
  const ledger = new RedisIntakeLedger(client, new DedupeWindow(3_600));
  const raw = new Redis(REDIS_URL);

  afterAll(async () => {
    const keys = await raw.keys(`${keyPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
    await client.onApplicationShutdown();
  });

  it('claims an id once, reports it in flight until confirmed, then seen for the window', async () => {
    expect(await ledger.claim(['a-1', 'a-2'])).toEqual(['claimed', 'claimed']);
    expect(await raw.ttl(`${keyPrefix}ingest:msg:a-1`)).toBeLessThanOrEqual(IN_FLIGHT_SECONDS);
    expect(await ledger.claim(['a-1', 'a-3'])).toEqual(['in-flight', 'claimed']);
    await ledger.confirm(['a-1']);
    expect(await ledger.claim(['a-1'])).toEqual(['seen']);
    expect(await raw.ttl(`${keyPrefix}ingest:msg:a-1`)).toBeGreaterThan(IN_FLIGHT_SECONDS);
  });

  it('frees released ids for the next claim', async () => {
    expect(await ledger.claim(['b-1'])).toEqual(['claimed']);
    await ledger.release(['b-1']);
    expect(await ledger.claim(['b-1'])).toEqual(['claimed']);
  });

  it('gives exactly one of many concurrent claimers the id', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => ledger.claim(['c-1'])));
    expect(results.filter(([status]) => status === 'claimed')).toHaveLength(1);
  });
});
