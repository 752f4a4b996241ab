import { randomInt, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { type DeadLetter, type JourneyTransitionV2, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { readTopicToEnd } from '@touchpoint/kafka';
import { startTestKafka, type TestKafka } from '@touchpoint/kafka-testing';
import { findPersonalData } from '@touchpoint/personal-data';
import { IngestClient, JACKET, startTestSystem, type TestSystem, TopicWatcher } from '@touchpoint/system-harness';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
const run = randomUUID().replace(/-/g, '').slice(0, 10);

interface Phone {
  readonly national: string;
  readonly international: string;
  /** The digits that identify the line, whatever the formatting: what must appear nowhere. */
  readonly significant: string;
}

/** A Dutch mobile number of this run (06 followed by 1-5 and seven digits, all valid). */
function mobile(): Phone {
  const digits = String(randomInt(10_000_000, 60_000_000));
  return { national: `06 ${digits.slice(0, 4)} ${digits.slice(4)}`, international: `+31 6 ${digits}`, significant: `6${digits}` };
}

const email = (path: string): string => `Sanne.${path}.${run}@Example.com`;

interface Leak {
  readonly where: string;
  readonly found: string;
}

/**
 * Personal data fed in by this test and found again: the addresses and phone numbers it sent
 * (in any case and formatting), and anything else email- or phone-shaped.
 */
function leaksIn(where: string, text: string, emails: readonly string[], phones: readonly Phone[]): Leak[] {
  const lower = text.toLowerCase();
  return [
    ...findPersonalData(text).map((match) => ({ where, found: match.text })),
    ...emails.filter((address) => lower.includes(address.toLowerCase().split('@')[0])).map((address) => ({ where, found: address })),
    ...phones.filter((phone) => text.includes(phone.significant)).map((phone) => ({ where, found: phone.international })),
  ];
}

describe('no personal data in clear anywhere Touchpoint writes', () => {
  // The run's Kafka, emptied of what earlier specs left, so every record scanned is this spec's.
  let testKafka: TestKafka;
  let system: TestSystem;
  let watcher: TopicWatcher;
  let ingest: IngestClient;
  let kafka: Kafka;

  beforeAll(async () => {
    testKafka = await startTestKafka({ defaultPartitions: 3 });
    system = await startTestSystem({
      label: 'pii',
      kafkaBrokers: testKafka.brokers,
      // Debug, so the scan covers the most the services ever log.
      logLevel: 'debug',
      extraEnv: { PERSONAL_DATA_DEFAULT_REGION: 'NL' },
    });
    kafka = testKafka.kafka;
    watcher = new TopicWatcher(system.kafkaBrokers);
    await watcher.start([Topics.eventsResolved.name, Topics.deadLetter.name, Topics.journeyTransitions.name]);
    ingest = new IngestClient(system.urls.ingest);
  }, 180_000);

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
    await testKafka?.dispose();
  });

  const resolved = (messageId: string) =>
    watcher.waitFor<ResolvedEvent>(Topics.eventsResolved.name, (value) => value.event.messageId === messageId, 30_000, `resolution of ${messageId}`);

  it('feeds email and phone through every entry path, then finds them on no topic, in no table, Redis key or log line', async () => {
    const phones = Array.from({ length: 7 }, mobile);
    const emails = ['identify', 'track', 'page', 'json', 'csv', 'pos', 'dead', 'alias'].map(email);
    const [identifyEmail, trackEmail, pageEmail, , csvEmail, posEmail, deadEmail, aliasEmail] = emails;
    const anonymousId = `anon-pii-${run}`;
    const userId = `user-pii-${run}`;

    const identified = await ingest.identify({ anonymousId, userId }, { email: identifyEmail, phone: phones[0].international, firstName: 'Sanne', loyaltyId: `LOY-PII-${run}` });
    const tracked = await ingest.track({ anonymousId }, 'Product Viewed', { ...JACKET, email: trackEmail, phone: phones[1].national, note: `call me on ${phones[2].international}` });
    const paged = await ingest.page(
      { anonymousId },
      'Checkout',
      { url: `https://shop.example/checkout?email=${encodeURIComponent(pageEmail)}&phone=${encodeURIComponent(phones[3].international)}&step=2`, search: `?email=${encodeURIComponent(pageEmail)}` },
      { page: { url: `https://shop.example/checkout?email=${encodeURIComponent(pageEmail)}`, referrer: `mailto:${pageEmail}` } },
    );
    const line = { productId: JACKET.product_id, name: JACKET.name, quantity: 1, unitPrice: JACKET.price };
    const occurredAt = new Date().toISOString();
    // The identify's address and number as typed at a Dutch till: national, upper case.
    await ingest.storeTransaction({
      transactionId: `PII-JSON-${run}`,
      kind: 'order',
      storeId: 'store-amsterdam-01',
      occurredAt,
      currency: 'EUR',
      lines: [line],
      customer: { email: identifyEmail.toUpperCase(), phone: phones[0].national },
    });
    const csv = await ingest.storeTransactionsCsv(
      ['transactionId,kind,storeId,occurredAt,productId,quantity,unitPrice,email,phone', `PII-CSV-${run},order,store-utrecht-02,${occurredAt},${JACKET.product_id},1,${JACKET.price},${csvEmail},${phones[4].national}`].join('\n'),
    );
    expect(csv.body).toMatchObject({ success: true, accepted: 1 });
    const producer = kafka.producer();
    await producer.connect();
    const posSale = { transactionId: `PII-POS-${run}`, kind: 'order', storeId: 'store-amsterdam-01', occurredAt, lines: [line], customer: { email: posEmail, phone: phones[5].national } };
    const posBroken = { ...posSale, transactionId: `PII-DEAD-${run}`, lines: [], customer: { email: deadEmail, phone: phones[6].international } };
    await producer.send({
      topic: Topics.posTransactions.name,
      messages: [posSale, posBroken].map((value) => ({ key: `${value.storeId}:${value.transactionId}`, value: JSON.stringify(value) })),
    });
    await producer.disconnect();
    const aliased = await ingest.alias(anonymousId, aliasEmail);

    // Every path has been through ingest and identity once its output is there.
    const outcomes = await Promise.all([identified, tracked, paged, aliased].map(resolved));
    const [sale, , posEvent] = await Promise.all(
      [`store:store-amsterdam-01:PII-JSON-${run}:order`, `store:store-utrecht-02:PII-CSV-${run}:order`, `store:store-amsterdam-01:PII-POS-${run}:order`].map(resolved),
    );
    const letter = await watcher.waitFor<DeadLetter>(
      Topics.deadLetter.name,
      (value) => value.consumerGroup === 'touchpoint-ingest-pos' && Buffer.from(value.value ?? '', 'base64').toString('utf8').includes(`PII-DEAD-${run}`),
      30_000,
      'the dead-lettered POS transaction',
    );
    expect(letter.value.errorCode).toBe('TP_CONSUMER_SCHEMA_MISMATCH');
    // The till's national number and upper-cased address link the sale to the web customer.
    expect(sale.value.profileId).toBe(outcomes[0].value.profileId);
    expect(posEvent.value.identifiers.map((identifier) => identifier.type)).toEqual(expect.arrayContaining(['email', 'phone']));
    // And journey has applied the sale, so what it wrote is scanned too.
    await watcher.waitFor<JourneyTransitionV2>(Topics.journeyTransitions.name, (value) => value.cause.id === sale.value.event.messageId, 30_000, 'the sale in journey');

    const leaks: Leak[] = [];
    let scanned = { records: 0, rows: 0, redisKeys: 0, lines: 0 };

    const admin = kafka.admin();
    await admin.connect();
    // The POS topic is the POS system's, not ours: what it publishes is its own business.
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__') && topic !== Topics.posTransactions.name);
    await admin.disconnect();
    expect(topics).toEqual(expect.arrayContaining([Topics.eventsRaw.name, Topics.eventsResolved.name, Topics.deadLetter.name, Topics.journeyTransitions.name]));
    for (const topic of topics) {
      for (const { message } of await readTopicToEnd(kafka, topic)) {
        const value = message.value?.toString('utf8') ?? '';
        const letterBytes = topic === Topics.deadLetter.name ? (JSON.parse(value) as DeadLetter) : null;
        const decoded = letterBytes ? [letterBytes.key, letterBytes.value].map((part) => Buffer.from(part ?? '', 'base64').toString('utf8')).join(' ') : '';
        const headers = Object.entries(message.headers ?? {}).map(([name, header]) => `${name}=${String(header)}`).join(' ');
        leaks.push(...leaksIn(`${topic}@${message.offset}`, `${message.key?.toString('utf8') ?? ''} ${value} ${decoded} ${headers}`, emails, phones));
        scanned = { ...scanned, records: scanned.records + 1 };
      }
    }

    const pg = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${system.databaseName}` });
    await pg.connect();
    const tables = await pg.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['identifiers', 'merge_log', 'erased_identifiers']));
    for (const { table_name: table } of tables.rows) {
      const rows = await pg.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
      for (const { row } of rows.rows) leaks.push(...leaksIn(`table ${table}`, row, emails, phones));
      scanned = { ...scanned, rows: scanned.rows + rows.rowCount! };
    }
    await pg.end();

    const redis = new Redis(REDIS_URL);
    for (let cursor = '0', first = true; first || cursor !== '0'; first = false) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${system.redisKeyPrefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'set' ? JSON.stringify(await redis.smembers(key)) : type === 'list' ? JSON.stringify(await redis.lrange(key, 0, -1)) : JSON.stringify(await redis.zrange(key, 0, -1));
        leaks.push(...leaksIn(`redis ${key}`, `${key} ${value ?? ''}`, emails, phones));
        scanned = { ...scanned, redisKeys: scanned.redisKeys + 1 };
      }
    }
    await redis.quit();

    for (const logLine of system.lines) leaks.push(...leaksIn('log', logLine, emails, phones));
    scanned = { ...scanned, lines: system.lines.length };

    expect(leaks).toEqual([]);
    // The scan looked at something: every store held data of this run.
    expect(scanned.records).toBeGreaterThan(10);
    expect(scanned.rows).toBeGreaterThan(5);
    expect(scanned.redisKeys).toBeGreaterThan(5);
    expect(scanned.lines).toBeGreaterThan(10);
  }, 180_000);
});
