import { type SegmentMessage, TouchpointError } from '@touchpoint/contracts';
import fc from 'fast-check';
import { FixedClock } from '../testing/fixed-clock';
import { testHasher, testPolicy } from '../testing/test-personal-data';
import { RecordingRawEventSink } from '../testing/recording-raw-event-sink';
import { type FieldIssue } from '../validation/field-issues';
import { IngestSegmentMessagesCommand } from './ingest-segment-messages.command';
import { IngestSegmentMessagesHandler } from './ingest-segment-messages.handler';
import type { BatchDefaults } from './normalize-segment-message';

const RECEIVED_AT = '2024-05-01T15:00:10.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const sink = new RecordingRawEventSink();
  const clock = new FixedClock(new Date(RECEIVED_AT));
  const handler = new IngestSegmentMessagesHandler(sink, clock, testPolicy());
  const ingest = async (bodies: readonly unknown[], batch?: BatchDefaults): Promise<SegmentMessage[]> => {
    await handler.execute(new IngestSegmentMessagesCommand(bodies.map((body, index) => ({ at: ['batch', index], body })), batch));
    return sink.published;
  };
  return { sink, clock, handler, ingest };
}

async function rejection(work: Promise<unknown>): Promise<TouchpointError> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TouchpointError)) throw new Error(`expected a TouchpointError, got ${String(error)}`);
  return error;
}

const track = { type: 'track', anonymousId: 'anon-1', event: 'Product Viewed', properties: { product_id: 'jacket-1' } };

describe('IngestSegmentMessagesHandler', () => {
  it('fills in what SDKs may leave out: messageId, timestamp, receivedAt', async () => {
    const { ingest } = setup();
    const [message] = await ingest([track]);
    expect(message.messageId).toMatch(UUID);
    expect(message.timestamp).toBe(RECEIVED_AT);
    expect(message.receivedAt).toBe(RECEIVED_AT);
    expect(message).not.toHaveProperty('originalTimestamp');
    expect(message).not.toHaveProperty('sentAt');
    expect(message).toMatchObject({ type: 'track', event: 'Product Viewed', anonymousId: 'anon-1', properties: { product_id: 'jacket-1' } });
  });

  it('gives each message without an id its own id, and keeps the ids clients sent', async () => {
    const { ingest } = setup();
    const messages = await ingest([track, track, { ...track, messageId: 'client-id-1' }]);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(3);
    expect(messages[2].messageId).toBe('client-id-1');
  });

  it('corrects client clock skew: timestamp = receivedAt - (sentAt - timestamp), keeping the client value', async () => {
    const { ingest } = setup();
    // The device clock is three hours behind; the event happened 5 s before it was sent.
    const [message] = await ingest([{ ...track, timestamp: '2024-05-01T12:00:00.000Z', sentAt: '2024-05-01T12:00:05.000Z' }]);
    expect(message.timestamp).toBe('2024-05-01T15:00:05.000Z');
    expect(message.originalTimestamp).toBe('2024-05-01T12:00:00.000Z');
    expect(message.sentAt).toBe('2024-05-01T12:00:05.000Z');
    expect(message.receivedAt).toBe(RECEIVED_AT);
  });

  it('preserves the interval between event and send for any client clock', async () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    await fc.assert(
      fc.asyncProperty(instant, fc.integer({ min: 0, max: 7 * 24 * 3_600_000 }), async (timestamp, delay) => {
        const { ingest } = setup();
        const sentAt = new Date(timestamp + delay).toISOString();
        const [message] = await ingest([{ ...track, timestamp: new Date(timestamp).toISOString(), sentAt }]);
        expect(Date.parse(RECEIVED_AT) - Date.parse(message.timestamp)).toBe(delay);
      }),
    );
  });

  it('keeps a timestamp sent without sentAt, normalized to UTC', async () => {
    const { ingest } = setup();
    const [message] = await ingest([{ ...track, timestamp: '2024-05-01T14:00:00+02:00' }]);
    expect(message.timestamp).toBe('2024-05-01T12:00:00.000Z');
    expect(message.originalTimestamp).toBe('2024-05-01T12:00:00.000Z');
  });

  it("uses the batch's sentAt for messages without their own, and merges batch context under each message's", async () => {
    const { ingest } = setup();
    const [fromBatch, own] = await ingest(
      [
        { ...track, timestamp: '2024-05-01T12:00:00Z', context: { channel: 'app' } },
        { ...track, timestamp: '2024-05-01T12:00:00Z', sentAt: '2024-05-01T12:00:01Z' },
      ],
      { sentAt: '2024-05-01T12:00:10.000Z', context: { channel: 'web', library: { name: 'analytics-node' } } },
    );
    expect(fromBatch.timestamp).toBe('2024-05-01T15:00:00.000Z');
    expect(fromBatch.sentAt).toBe('2024-05-01T12:00:10.000Z');
    expect(fromBatch.context).toEqual({ channel: 'app', library: { name: 'analytics-node' } });
    expect(own.timestamp).toBe('2024-05-01T15:00:09.000Z');
    expect(own.context).toEqual({ channel: 'web', library: { name: 'analytics-node' } });
  });

  it('drops the write key and any receivedAt or originalTimestamp the client made up', async () => {
    const { ingest } = setup();
    const [message] = await ingest([{ ...track, writeKey: 'secret-key-1', receivedAt: '1999-01-01T00:00:00Z', originalTimestamp: 'yesterday' }]);
    expect(message).not.toHaveProperty('writeKey');
    expect(message.receivedAt).toBe(RECEIVED_AT);
    expect(message).not.toHaveProperty('originalTimestamp');
  });

  it('accepts identify calls and store-context identifiers as identity', async () => {
    const { ingest } = setup();
    const [identify, store] = await ingest([
      { type: 'identify', userId: 'user-1', traits: { loyaltyId: 'L-1' } },
      { type: 'track', event: 'Store Visited', context: { channel: 'store', storeId: 'S1', loyaltyId: 'L-1' } },
    ]);
    expect(identify).toMatchObject({ type: 'identify', userId: 'user-1', traits: { loyaltyId: 'L-1' } });
    expect(store.context).toMatchObject({ channel: 'store', storeId: 'S1', loyaltyId: 'L-1' });
  });

  it('refuses what only store transactions may say: a store: messageId, a store-channel order or refund; publishes nothing', async () => {
    const { ingest, sink } = setup();
    const order = { type: 'track', anonymousId: 'anon-1', event: 'Order Completed', properties: { order_id: 'T-1' } };
    const error = await rejection(
      ingest([
        track,
        { ...track, messageId: 'store:AMS-01:T-1:order' },
        { ...order, context: { channel: 'store', storeId: 'AMS-01' } },
        { ...order, event: 'Order Refunded', context: { channel: 'store' } },
      ]),
    );
    expect(error.code).toBe('TP_INGEST_STORE_CLAIM');
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'batch.1.messageId' }),
      expect.objectContaining({ path: 'batch.2.context.channel' }),
      expect.objectContaining({ path: 'batch.3.context.channel' }),
    ]);
    expect(sink.published).toEqual([]);
  });

  it('still takes online orders and other store-channel calls (a visit) from Segment', async () => {
    const { ingest } = setup();
    const published = await ingest([
      { type: 'track', anonymousId: 'anon-1', event: 'Order Completed', properties: { order_id: 'W-1' }, context: { channel: 'web' } },
      { type: 'track', anonymousId: 'anon-1', event: 'Store Visited', context: { channel: 'store', storeId: 'S1' }, messageId: 'visit-store:1' },
    ]);
    expect(published).toHaveLength(2);
  });

  it('rejects the whole request naming every bad field path, and publishes nothing', async () => {
    const { ingest, sink } = setup();
    const error = await rejection(
      ingest([
        track,
        { type: 'track', anonymousId: 'a' },
        { type: 'pageview', anonymousId: 'a' },
        'not a message',
        { ...track, timestamp: 'last tuesday' },
        { type: 'track', event: 'Product Viewed' },
        { ...track, context: { channel: 'fax' } },
      ]),
    );
    expect(error.code).toBe('TP_INGEST_VALIDATION_FAILED');
    const paths = (error.details as FieldIssue[]).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['batch.1.event', 'batch.2.type', 'batch.3', 'batch.4.timestamp', 'batch.5.anonymousId', 'batch.6.context.channel']),
    );
    expect(paths).not.toContain('batch.0');
    expect(paths.every((path) => !path.startsWith('batch.0.'))).toBe(true);
    expect(sink.published).toEqual([]);
  });

  it('refuses a message over 32 KB with TP_INGEST_PAYLOAD_TOO_LARGE naming it', async () => {
    const { ingest, sink } = setup();
    const big = { ...track, properties: { blob: 'x'.repeat(33 * 1024) } };
    const error = await rejection(ingest([track, big]));
    expect(error.code).toBe('TP_INGEST_PAYLOAD_TOO_LARGE');
    expect(error.details).toEqual([expect.objectContaining({ path: 'batch.1' })]);
    expect(sink.published).toEqual([]);
  });

  it('lets a message just under 32 KB through', async () => {
    const { ingest } = setup();
    const messages = await ingest([{ ...track, properties: { blob: 'x'.repeat(31 * 1024) } }]);
    expect(messages).toHaveLength(1);
  });

  it('passes the broker failure on, so the caller is not told the events were accepted', async () => {
    const { handler, sink } = setup();
    sink.failWith = new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'down');
    const error = await rejection(handler.execute(new IngestSegmentMessagesCommand([{ at: [], body: track }])));
    expect(error.code).toBe('TP_INGEST_BROKER_UNAVAILABLE');
  });

  describe('personal data', () => {
    const email = testHasher.emailHash('sanne@example.com');
    const phone = testHasher.phoneHash('+31612345678');

    it("turns an identify call's email and phone into the keyed hashes identity links on, and drops traits not on the allow-list", async () => {
      const { ingest } = setup();
      const [identify] = await ingest([{ type: 'identify', userId: 'u-1', traits: { email: ' Sanne@Example.com', phone: '+31 6 12345678', loyaltyId: 'L-1', firstName: 'Sanne', plan: 'gold' } }]);
      expect(identify).toMatchObject({ traits: { loyaltyId: 'L-1', plan: 'gold' }, context: { emailHash: email, phoneHash: phone } });
      expect(identify.type === 'identify' ? Object.keys(identify.traits).sort() : []).toEqual(['loyaltyId', 'plan']);
      expect(JSON.stringify(identify)).not.toMatch(/sanne|12345678/i);
    });

    it('does not let a client claim a profile by sending hashes of its own', async () => {
      const { ingest } = setup();
      const [track] = await ingest([{ ...track0(), context: { emailHash: email, phoneHash: phone } }]);
      expect(track.context).not.toHaveProperty('emailHash');
      expect(track.context).not.toHaveProperty('phoneHash');
    });

    it('hashes personal data in track properties, page URLs and query strings, and context traits', async () => {
      const { ingest } = setup();
      const [tracked, page] = await ingest([
        { ...track0(), properties: { product_id: 'jacket-1', email: 'sanne@example.com', note: 'call +31 6 12345678' }, context: { traits: { email: 'sanne@example.com', plan: 'gold' } } },
        {
          type: 'page',
          anonymousId: 'anon-1',
          name: 'Checkout',
          properties: { url: 'https://shop.example/checkout?email=sanne%40example.com&tel=%2B31612345678&step=2', search: '?email=sanne%40example.com' },
          context: { page: { url: 'https://shop.example/checkout?email=sanne%40example.com', referrer: 'mailto:sanne@example.com' } },
        },
      ]);
      expect(tracked).toMatchObject({ properties: { product_id: 'jacket-1', email, note: `call ${phone}` }, context: { traits: { plan: 'gold' } } });
      expect(JSON.stringify(page)).not.toMatch(/sanne|12345678/i);
      expect(page).toMatchObject({ properties: { url: `https://shop.example/checkout?email=${email}&tel=${phone}&step=2` } });
    });

    it('passes an alias through: previousId and userId are ids, not contact data', async () => {
      const { ingest } = setup();
      const [alias] = await ingest([{ type: 'alias', previousId: 'anon-1', userId: 'u-1' }]);
      expect(alias).toMatchObject({ type: 'alias', previousId: 'anon-1', userId: 'u-1' });
    });
  });
});

function track0(): Record<string, unknown> {
  return { type: 'track', anonymousId: 'anon-1', event: 'Product Viewed', properties: { product_id: 'jacket-1' } };
}
