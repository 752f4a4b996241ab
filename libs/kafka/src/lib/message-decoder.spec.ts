import { allTopics, defineTopic, type TopicDefinition, Topics, TouchpointError } from '@touchpoint/contracts';
import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { z } from 'zod';
import { mutatedMerge, recordHeaders, recordValue, verdictOf } from '../testing/consumer-arbitraries';
import { merged } from '../testing/spec-helpers';
import { classifyFailure } from './failure-classification';
import { decodeFetched } from './message-decoder';

const LIMIT = 64 * 1024;
const DEAD_LETTER_CODES = ['TP_CONSUMER_MESSAGE_TOO_LARGE', 'TP_CONSUMER_UNDECODABLE', 'TP_CONSUMER_SCHEMA_MISMATCH'];

const record = (value: Buffer | null, headers: KafkaMessage['headers'] = {}): KafkaMessage => ({
  key: Buffer.from('k'),
  value,
  headers,
  offset: '0',
  timestamp: '0',
  attributes: 0,
});

/** What the runner needs of the decoder: a value the schema accepts, or a permanent code the dead letter carries. */
function expectSound(topic: TopicDefinition<z.ZodType>, value: Buffer | null): void {
  const fetched = decodeFetched(topic, record(value), LIMIT);
  const verdict = verdictOf(topic, value, LIMIT);
  if (fetched.decoded) {
    expect(verdict).toEqual({ valid: true, value: fetched.value });
    return;
  }
  expect(fetched.error).toBeInstanceOf(TouchpointError);
  expect(DEAD_LETTER_CODES).toContain((fetched.error as TouchpointError).code);
  expect(verdict).toEqual({ valid: false, code: (fetched.error as TouchpointError).code });
  expect(classifyFailure(fetched.error).kind).toBe('permanent');
  expect((fetched.error as Error).message.length).toBeLessThan(4_000);
}

const anyTopic = fc.constantFrom(...allTopics) as fc.Arbitrary<TopicDefinition<z.ZodType>>;
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('decodeFetched', () => {
  it('decodes a valid value, and names not-JSON, not-UTF-8 and schema violations by their codes', () => {
    const topic = Topics.identityMerged;
    const cases: [string, Buffer | null, string | null][] = [
      ['valid', json(merged('m-1')), null],
      ['not JSON', Buffer.from('{"mergeId": '), 'TP_CONSUMER_UNDECODABLE'],
      ['not UTF-8, even inside a string', Buffer.concat([Buffer.from('{"mergeId": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), 'TP_CONSUMER_UNDECODABLE'],
      ['no value', null, 'TP_CONSUMER_SCHEMA_MISMATCH'],
      ['schema violation', json({ hello: 'world' }), 'TP_CONSUMER_SCHEMA_MISMATCH'],
      ['later version in an envelope', json({ version: 2, data: merged('m-1') }), 'TP_CONSUMER_SCHEMA_MISMATCH'],
    ];
    const verdicts = cases.map(([label, value]) => {
      const fetched = decodeFetched(topic, record(value), LIMIT);
      return [label, fetched.decoded ? null : (fetched.error as TouchpointError).code];
    });
    expect(verdicts).toEqual(cases.map(([label, , code]) => [label, code]));
  });

  it('refuses a value over the limit before parsing it, and takes one at the limit', () => {
    const safeParse = jest.fn((value: unknown) => z.unknown().safeParse(value));
    const anything = defineTopic({ name: 'test.anything', schema: Object.assign(z.unknown(), { safeParse }) as z.ZodType, key: () => 'k', eventType: 't', description: 'spec' });
    const atLimit = json('x'.repeat(LIMIT - 2));
    expect(atLimit.length).toBe(LIMIT);
    expect(decodeFetched(anything, record(atLimit), LIMIT).decoded).toBe(true);
    expect(safeParse).toHaveBeenCalledTimes(1);

    // Not even JSON: were it parsed, it would be UNDECODABLE instead.
    const over = Buffer.alloc(LIMIT + 1, '{');
    const fetched = decodeFetched(anything, record(over), LIMIT);
    expect(fetched.decoded).toBe(false);
    expect(fetched.decoded ? null : (fetched.error as TouchpointError).code).toBe('TP_CONSUMER_MESSAGE_TOO_LARGE');
    expect(fetched.decoded ? '' : (fetched.error as Error).message).toContain(`${LIMIT + 1} bytes`);
    expect(safeParse).toHaveBeenCalledTimes(1);
  });

  it('keeps the error short however many fields are wrong', () => {
    const fetched = decodeFetched(Topics.identityMerged, record(json({ ...merged('m'), identifiers: Array.from({ length: 5_000 }, () => ({ type: 1 })) })), LIMIT * 4);
    expect(fetched.decoded ? null : (fetched.error as Error).message).toMatch(/; and \d+ more$/);
  });

  it('on any topic, any bytes give a value of the schema or a permanent dead-letter code, never a throw', () => {
    fc.assert(
      fc.property(anyTopic, fc.option(fc.uint8Array({ maxLength: 512 }), { nil: null }), (topic, bytes) => expectSound(topic, bytes === null ? null : Buffer.from(bytes))),
      { numRuns: 300 },
    );
  });

  it('on any topic, any JSON value gives a value of the schema or a schema mismatch', () => {
    fc.assert(
      fc.property(anyTopic, fc.jsonValue(), (topic, value) => expectSound(topic, json(value))),
      { numRuns: 300 },
    );
  });

  it('a mutated valid message is decoded exactly when it still is one', () => {
    fc.assert(
      fc.property(mutatedMerge, (bytes) => expectSound(Topics.identityMerged, bytes)),
      { numRuns: 300 },
    );
  });

  it('every kind of record value together, the oversized ones included', () => {
    fc.assert(
      fc.property(recordValue(LIMIT), (value) => expectSound(Topics.identityMerged, value)),
      { numRuns: 200 },
    );
  });

  it('any headers leave decoding alone', () => {
    fc.assert(
      fc.property(recordHeaders, (headers) => {
        expect(decodeFetched(Topics.identityMerged, record(json(merged('m')), headers), LIMIT).decoded).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
