import { type DeadLetter, deadLetterSchema } from '@touchpoint/contracts';
import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { CARRIED_LIMITS, carriedCopyOf, carriedErrorMessage, PREFIX_BYTES } from './dead-letter-copy';

/** Apache Kafka's default max.message.bytes, which tp.deadletter.v1 is created with. */
const TOPIC_MAX_MESSAGE_BYTES = 1_048_588;
/** Room for the record batch around the value and the dead letter's own CloudEvents headers. */
const RECORD_OVERHEAD_BYTES = 2_048;

const record = (parts: { key?: Buffer | null; value?: Buffer | null; headers?: KafkaMessage['headers'] }): KafkaMessage => ({
  key: parts.key ?? null,
  value: parts.value ?? null,
  headers: parts.headers ?? {},
  offset: '12345678901',
  timestamp: '0',
  attributes: 0,
});

function letterOf(message: KafkaMessage, error: unknown): DeadLetter {
  const { key, value, headers, valueBytes, truncated } = carriedCopyOf(message);
  return deadLetterSchema.parse({
    errorCode: 'TP_CONSUMER_MESSAGE_TOO_LARGE',
    errorMessage: carriedErrorMessage(error),
    source: { topic: 'tp.journey.transitions.v2', partition: 11, offset: message.offset },
    consumerGroup: 'touchpoint-recommendation-some-long-consumer-group-name',
    key,
    value,
    headers,
    failedAt: new Date().toISOString(),
    valueBytes,
    ...(truncated ? { truncated } : {}),
  });
}

const sizeOf = (letter: DeadLetter): number => Buffer.byteLength(JSON.stringify(letter));

describe('the copy a dead letter carries', () => {
  it('is the original byte for byte when it fits', () => {
    const value = Buffer.alloc(CARRIED_LIMITS.valueBytes, 7);
    const copy = carriedCopyOf(record({ key: Buffer.from('k-1'), value, headers: { ce_id: Buffer.from('id-1'), many: ['a', 'b'] } }));
    expect(copy).toEqual({ key: Buffer.from('k-1').toString('base64'), value: value.toString('base64'), headers: { ce_id: 'id-1', many: 'a,b' }, valueBytes: value.length, truncated: false });
    expect(carriedCopyOf(record({}))).toEqual({ key: null, value: null, headers: {}, valueBytes: null, truncated: false });
  });

  it('keeps a prefix and the size of a value too large to carry', () => {
    const value = Buffer.alloc(CARRIED_LIMITS.valueBytes + 1, 'x');
    const copy = carriedCopyOf(record({ value }));
    expect(copy.truncated).toBe(true);
    expect(copy.valueBytes).toBe(CARRIED_LIMITS.valueBytes + 1);
    expect(Buffer.from(copy.value ?? '', 'base64')).toEqual(value.subarray(0, PREFIX_BYTES));
  });

  it('cuts an error message that quotes its whole input', () => {
    expect(carriedErrorMessage(new Error('e'.repeat(10_000)))).toMatch(/^e{2000}\.\.\. \(10000 characters\)$/);
    expect(carriedErrorMessage('plain')).toBe('plain');
  });

  it('leaves every dead letter small enough for the dead-letter topic, whatever the original', () => {
    // Each part either just under its limit (carried whole) or far over it; headers of control characters, which JSON escapes six-fold.
    const part = (limit: number) => fc.constantFrom(0, limit, limit + 1, 2 * 1024 * 1024);
    fc.assert(
      fc.property(part(CARRIED_LIMITS.keyBytes), part(CARRIED_LIMITS.valueBytes), part(CARRIED_LIMITS.headersJsonBytes), fc.nat(200), part(CARRIED_LIMITS.errorMessageChars), (keyBytes, valueBytes, headerBytes, headerCount, errorChars) => {
        const headers = Object.fromEntries(Array.from({ length: headerCount + 1 }, (_, i) => [`h${i}`, Buffer.alloc(Math.floor(headerBytes / (headerCount + 1)), 0)]));
        const letter = letterOf(record({ key: Buffer.alloc(keyBytes, 0xff), value: Buffer.alloc(valueBytes, 0xff), headers }), new Error('m'.repeat(errorChars)));
        expect(sizeOf(letter)).toBeLessThan(TOPIC_MAX_MESSAGE_BYTES - RECORD_OVERHEAD_BYTES);
      }),
      { numRuns: 25 },
    );
  });
});
