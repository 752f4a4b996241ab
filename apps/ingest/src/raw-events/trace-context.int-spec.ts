import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Topics } from '@touchpoint/contracts';
import { readTopicToEnd } from '@touchpoint/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { basic, type IngestHarness, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

describe('ingest carries the trace of the caller onto the raw topic', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngestHarness();
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
  }, 30_000);

  it('puts the trace id of the traceparent on the record it produces, and a new trace when there is none', async () => {
    const send = (messageId: string, headers: Record<string, string>) =>
      fetch(`${ingest.baseUrl}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic(WEB_KEY), ...headers },
        body: JSON.stringify({ messageId, anonymousId: 'a-trace', event: 'Product Viewed', properties: { product_id: 'jacket-42' } }),
      });
    const traced = randomUUID();
    const untraced = randomUUID();
    expect((await send(traced, { traceparent: `00-${TRACE}-b7ad6b7169203331-01` })).status).toBe(200);
    expect((await send(untraced, {})).status).toBe(200);
    await ingest.landedEvent(traced);
    await ingest.landedEvent(untraced);

    const kafka = new Kafka({ clientId: 'ingest-trace-spec', brokers: [ingest.brokerAddress], logLevel: logLevel.NOTHING });
    const records = await readTopicToEnd(kafka, Topics.eventsRaw.name);
    const traceOf = (messageId: string): string | undefined => {
      const record = records.find(({ message }) => String(message.headers?.['ce_id']) === messageId);
      return /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(String(record?.message.headers?.['traceparent']))?.[1];
    };
    expect(traceOf(traced)).toBe(TRACE);
    expect(traceOf(untraced)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceOf(untraced)).not.toBe(TRACE);
  }, 30_000);
});
