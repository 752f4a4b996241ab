import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@touchpoint/contracts';
import { waitFor } from '@touchpoint/kafka-testing';
import { findPersonalData } from '@touchpoint/personal-data';
import { basic, type IngestHarness, POS_KEY, startIngestHarness, WEB_KEY } from '../testing/ingest-harness';
import { TEST_HASH_SECRET } from '../testing/test-personal-data';

const EMAIL = 'sanne.de.vries@example.com';
const PHONE = '+31 6 11223344';
const NATIONAL_PHONE = '0611223344';

/** Everything the process writes to stdout and stderr while the spec runs, kept from the console. */
function captureOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const tap = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = tap;
  process.stderr.write = tap;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

describe('ingest logs, at the most verbose level, hold no email, phone, write key or hash secret', () => {
  let output: ReturnType<typeof captureOutput>;
  let ingest: IngestHarness;

  beforeAll(async () => {
    output = captureOutput();
    ingest = await startIngestHarness({ env: { LOG_LEVEL: 'trace' } });
  }, 30_000);

  afterAll(async () => {
    await ingest?.stop();
    output?.restore();
  }, 30_000);

  it('after accepted, refused and dead-lettered calls that carry them', async () => {
    const server = (ingest.app as NestFastifyApplication).getHttpAdapter().getInstance();
    const send = (url: string, body: unknown, key = WEB_KEY) =>
      server.inject({ method: 'POST', url, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: basic(key) } });
    const identifyId = randomUUID();
    const answers = [
      await send('/v1/identify', { messageId: identifyId, userId: 'u-logs', traits: { email: EMAIL, phone: PHONE } }),
      await send('/v1/track', { anonymousId: 'a-logs', event: 'Signed Up', properties: { contact: EMAIL, note: `call ${PHONE}` } }),
      // Refused, each with the personal data where the refusal is about.
      await send('/v1/track', { anonymousId: 'a-logs', event: 'x', timestamp: EMAIL }),
      await send('/v1/batch', { batch: [{ type: 'nope', userId: EMAIL }] }),
      await send('/v1/track', `{"anonymousId": "${EMAIL}", `),
      await send('/v1/store/transactions', { transactions: [{ transactionId: 'LOG-1', kind: 'order', storeId: 'NOWHERE', occurredAt: 'now', lines: [], customer: { email: EMAIL, phone: NATIONAL_PHONE } }] }, POS_KEY),
      await send('/v1/track', { anonymousId: 'a-logs', event: 'x' }, 'not_a_known_key_1'),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 400, 400, 400, 400, 401]);

    const producer = await ingest.producer();
    const posId = `LOG-POS-${randomUUID()}`;
    await producer.send({
      topic: Topics.posTransactions.name,
      messages: [{ key: 'AMS-01', value: JSON.stringify({ transactionId: posId, kind: 'order', storeId: 'AMS-01', occurredAt: 'yesterday', lines: [], customer: { email: EMAIL, phone: PHONE } }) }],
    });
    await ingest.landedEvent(identifyId);
    await waitFor(() => ingest.deadLetters.find((letter) => Buffer.from(letter.value ?? '', 'base64').toString('utf8').includes(posId)), 'the POS dead letter');

    const logs = output.text();
    // The capture works: the service's own lines, the verbose ones included, are in it.
    expect(logs).toContain('ingest listening on');
    expect(logs).toMatch(/consuming tp\.pos\.transactions\.v1/);
    const leaks = findPersonalData(logs).map((match) => match.text);
    for (const secret of [EMAIL, PHONE, PHONE.replace(/\s/g, ''), NATIONAL_PHONE, WEB_KEY, POS_KEY, 'not_a_known_key_1', TEST_HASH_SECRET]) {
      if (logs.includes(secret)) leaks.push(secret);
    }
    expect(leaks).toEqual([]);
  }, 30_000);
});
