import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type EncodedRecord, installRecordEncoding, type RecordInput, recordEncoder } from './record-encoding';

// kafkajs's own encoders, which the fast one must match byte for byte.
const kafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: RecordInput) => EncodedRecord;
const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request') as (request: unknown) => { encode(): Promise<{ buffer: Buffer }> };

const fallbackCalls: RecordInput[] = [];
const encode = recordEncoder((record) => {
  fallbackCalls.push(record);
  return kafkajsRecord(record);
});

const cloudEventHeaders = {
  ce_specversion: '1.0',
  ce_id: 'b4c1f0a2-1111-4a5e-9a51-0d7c2b1e9f10',
  ce_type: 'io.touchpoint.event.raw.v1',
  ce_source: 'ingest',
  ce_time: '2024-05-01T12:00:00.000Z',
  'content-type': 'application/json',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tp_accepted_at: '1714564800000',
};

const records: [string, RecordInput][] = [
  ['a CloudEvents message', { offsetDelta: 3, timestampDelta: 12, key: 'anonymousId:a-1', value: JSON.stringify({ type: 'track', event: 'Product Viewed' }), headers: cloudEventHeaders }],
  ['no key, no value, no headers', { offsetDelta: 0, timestampDelta: 0 }],
  ['null key and value, empty headers', { offsetDelta: 1, timestampDelta: 0, key: null, value: null, headers: {} }],
  ['Buffers as key, value and header', { offsetDelta: 7, timestampDelta: 5, key: Buffer.from([0, 1, 2]), value: Buffer.alloc(300, 7), headers: { raw: Buffer.from('bytes') } }],
  ['an array header (one header per item)', { offsetDelta: 2, timestampDelta: 1, key: 'k', value: 'v', headers: { many: ['one', 'two', Buffer.from('three')] } }],
  ['non-ASCII text', { offsetDelta: 4, timestampDelta: 2, key: 'clé', value: 'Größe: 😀 € 日本', headers: { 'naïve': 'café' } }],
  ['a negative and a large timestamp delta', { offsetDelta: 9, timestampDelta: -1_500, key: 'k', value: 'v' }],
  ['a timestamp delta past 32 bits', { offsetDelta: 9, timestampDelta: 2 ** 40 + 3, key: 'k', value: 'v' }],
  ['varint boundaries (63, 64, 8191, 8192 bytes)', { offsetDelta: 64, timestampDelta: 63, key: 'x'.repeat(63), value: 'y'.repeat(8192), headers: { h: 'z'.repeat(64), i: 'w'.repeat(8191) } }],
  ['a large offset delta', { offsetDelta: 100_000, timestampDelta: 8_192, key: 'k', value: 'v'.repeat(70_000) }],
];

describe('recordEncoder', () => {
  it.each(records)('writes %s exactly as kafkajs does', (_label, record) => {
    fallbackCalls.length = 0;
    const fast = encode(record);
    expect(fallbackCalls).toEqual([]);
    expect(fast.buffer.toString('hex')).toBe(kafkajsRecord(record).buffer.toString('hex'));
    expect(Buffer.isBuffer(fast.buf)).toBe(true);
  });

  it('leaves what it does not cover to kafkajs', () => {
    const unusual: RecordInput[] = [
      { offsetDelta: 0, timestampDelta: 0, key: 42, value: 'v' },
      { offsetDelta: 0, timestampDelta: Number.NaN, key: 'k', value: 'v' },
      { offsetDelta: 0, timestampDelta: 0, key: 'k', value: 'v', headers: { n: 7 } },
      { offsetDelta: 0, timestampDelta: 2 ** 60, key: 'k', value: 'v' },
    ];
    // kafkajs's answer, bytes or the error it throws (it refuses a number as a key).
    const outcome = (write: () => EncodedRecord): string => {
      try {
        return write().buffer.toString('hex');
      } catch (error) {
        return `throws ${String(error)}`;
      }
    };
    for (const record of unusual) {
      fallbackCalls.length = 0;
      expect(outcome(() => encode(record))).toBe(outcome(() => kafkajsRecord(record)));
      expect(fallbackCalls).toEqual([record]);
    }
  });

  it('is not installed under Jest, whose module registry holds kafkajs apart from Node’s cache', () => {
    expect(installRecordEncoding()).toBe(false);
  });

  it('is installed in a Node process before kafkajs loads its Produce request, which then writes the same bytes', async () => {
    const messages = [
      { key: 'anonymousId:a-1', value: '{"type":"track"}', headers: cloudEventHeaders, timestamp: 1_714_564_800_000 },
      { key: null, value: 'second', headers: { only: 'one' }, timestamp: 1_714_564_800_250 },
    ];
    const request = { acks: -1, timeout: 30_000, topicData: [{ topic: 'tp.events.raw.v1', partitions: [{ partition: 2, firstSequence: 5, messages }] }] };
    const script = `
      const { installRecordEncoding } = require(${JSON.stringify(path.join(__dirname, 'record-encoding.ts'))});
      const installed = installRecordEncoding();
      const encode = require('kafkajs/src/protocol/requests/produce/v3/request');
      encode(${JSON.stringify(request)}).encode().then((encoded) => process.stdout.write(JSON.stringify({ installed, hex: encoded.buffer.toString('hex') })));`;
    const output = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      env: { ...process.env, SWC_NODE_PROJECT: path.join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json') },
      encoding: 'utf8',
    });
    const child = JSON.parse(output) as { installed: boolean; hex: string };
    expect(child.installed).toBe(true);
    expect(child.hex).toBe((await produceRequest(request).encode()).buffer.toString('hex'));
  }, 30_000);
});
