import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { SegmentMessage } from '@touchpoint/contracts';
import { KafkaModule } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { RedisModule } from '@touchpoint/redis';
import Redis from 'ioredis';
import { Client } from 'pg';
import { MergeCounters } from '../metrics/merge-counters';
import { IdentityPersistenceModule } from '../persistence/identity-persistence.module';
import { identify, rawEvent, storePurchase, webTrack } from '../testing/raw-events';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '../testing/test-database';
import { testIdentifierReader } from '../testing/test-identifier-reader';
import { ResolveIdentityCommand } from './resolve-identity.command';
import { ResolveIdentityHandler } from './resolve-identity.handler';

const reader = testIdentifierReader();

/** The events of one customer: every pair shares an identifier with some other event. */
function customerEvents(k: string): SegmentMessage[] {
  const [web, app, user, card, pos] = ['web', 'app', 'user', 'card', 'pos'].map((part) => `${part}-${k}`);
  return [
    webTrack(web, 'Product Viewed'),
    webTrack(web, 'Product Added'),
    storePurchase({ loyaltyId: card }),
    webTrack(app, 'Product Viewed'),
    identify({ anonymousId: web, userId: user, traits: { loyaltyId: card, email: `${k}@example.com` } }),
    rawEvent({ type: 'track', event: 'Product Viewed', anonymousId: app, userId: user }),
    storePurchase({ loyaltyId: card, posCustomerId: pos }),
    identify({ anonymousId: app, traits: { email: `${k}@example.com` } }),
  ];
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('two resolver instances racing on shared identifiers', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let instances: INestApplicationContext[];
  let pg: Client;
  const keyPrefix = `tp-identity-race-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    broker = await startTestKafka();
    database = await createTestDatabase('race');
    // Each instance has its own Nest container, so its own connection pool, Redis and Kafka clients.
    instances = await Promise.all(
      [1, 2].map(async (n) => {
        @Module({
          imports: [
            KafkaModule.forRoot({ brokers: [...broker.brokers], clientId: `identity-race-${n}`, source: 'touchpoint/identity', topicPartitions: 3 }),
            RedisModule.forRoot({ url: testRedisUrl(), keyPrefix }),
            IdentityPersistenceModule.forRoot({ databaseUrl: database.url, identifierReader: reader }),
          ],
          providers: [ResolveIdentityHandler, MergeCounters],
        })
        class ResolverInstance {}
        const context = await NestFactory.createApplicationContext(ResolverInstance, { logger: false });
        context.enableShutdownHooks();
        return context;
      }),
    );
    pg = new Client({ connectionString: database.url });
    await pg.connect();
  }, 60_000);

  afterAll(async () => {
    await Promise.all((instances ?? []).map((instance) => instance.close()));
    await pg?.end();
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await database?.drop();
    await broker?.dispose();
  });

  it('ends with one profile per customer, every identifier on it, whatever the interleaving', async () => {
    const handlers = instances.map((instance) => instance.get(ResolveIdentityHandler));
    const customers = Array.from({ length: 3 }, (_, round) => Array.from({ length: 8 }, (_, c) => `r${round}c${c}-${randomBytes(3).toString('hex')}`));

    for (const round of customers) {
      const events = round.flatMap(customerEvents);
      // Every event goes to one instance; every third also to the other at the same time,
      // as a redelivery after a rebalance would.
      const deliveries = shuffle(events).flatMap((event, i) => {
        const primary = handlers[i % 2];
        return i % 3 === 0 ? [{ event, handler: primary }, { event, handler: handlers[(i + 1) % 2] }] : [{ event, handler: primary }];
      });
      const resolutions = await Promise.all(deliveries.map(({ event, handler }) => handler.execute(new ResolveIdentityCommand(event)).then((r) => ({ event, profileId: r?.profileId ?? 'dropped' }))));

      const active = await pg.query<{ id: string }>('SELECT id FROM profiles WHERE merged_into IS NULL');
      for (const customer of round) {
        const values = [...new Set(customerEvents(customer).flatMap((event) => reader.extract(event)).map((identifier) => identifier.value))];
        const owners = await pg.query<{ profile_id: string; n: string }>(
          'SELECT profile_id, count(*) AS n FROM identifiers WHERE value = ANY($1) GROUP BY profile_id',
          [values],
        );
        expect(owners.rows).toHaveLength(1);
        expect(Number(owners.rows[0].n)).toBe(values.length);
        const survivor = owners.rows[0].profile_id;
        expect(active.rows.map((row) => row.id)).toContain(survivor);

        // Every event of the customer went to the survivor or to a profile since merged into it.
        const mine = resolutions.filter(({ event }) => reader.extract(event).some((identifier) => values.includes(identifier.value)));
        const profileIds = [...new Set(mine.map((resolution) => resolution.profileId))];
        const ends = await pg.query<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM profiles WHERE id = ANY($1::uuid[])', [profileIds]);
        for (const row of ends.rows) expect(row.merged_into ?? row.id).toBe(survivor);
      }
    }

    const all = customers.flat().length;
    // No live profile without identifiers (a loser of a race that still committed), none extra.
    expect(Number((await pg.query('SELECT count(*) AS n FROM profiles WHERE merged_into IS NULL')).rows[0].n)).toBe(all);
    expect(
      Number((await pg.query('SELECT count(*) AS n FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM identifiers i WHERE i.profile_id = p.id) AND merged_into IS NULL')).rows[0].n),
    ).toBe(0);
    // Identifiers only point at live profiles, and every merged profile was merged exactly once.
    expect(Number((await pg.query('SELECT count(*) AS n FROM identifiers i JOIN profiles p ON p.id = i.profile_id WHERE p.merged_into IS NOT NULL')).rows[0].n)).toBe(0);
    const mergeCounts = await pg.query<{ n: string }>(
      'SELECT count(m.id) AS n FROM profiles p LEFT JOIN merge_log m ON m.merged_id = p.id WHERE p.merged_into IS NOT NULL GROUP BY p.id',
    );
    expect(mergeCounts.rows.every((row) => row.n === '1')).toBe(true);
  }, 120_000);
});
