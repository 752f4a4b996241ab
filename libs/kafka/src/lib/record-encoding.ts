/**
 * kafkajs 2.2.4 encodes every record through growable Encoders: a zero-filled 512-byte Buffer
 * for the record and one for each header, a `Buffer.from([...])` for every varint, and copies
 * as they are appended. With CloudEvents headers that is about ten allocations per message,
 * which made record encoding the largest CPU cost of a publish (bench/ingest).
 *
 * `encodeRecord` writes the same bytes (record-encoding.spec.ts compares them with kafkajs's
 * own encoder) in one pass into a Buffer of the record's exact size. `installRecordEncoding`
 * puts it in place of kafkajs's record module, before kafkajs loads its Produce requests, which
 * are the module's only user. Anything the fast path does not cover (numbers as keys, Long
 * timestamps, null header values, lengths past 2^30) goes to kafkajs's encoder unchanged.
 */
import fs from 'node:fs';

/** The shape kafkajs's RecordBatch reads from each record: an Encoder, of which it uses `buf` and `buffer`. */
export interface EncodedRecord {
  readonly buf: Buffer;
  readonly buffer: Buffer;
}

export interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: unknown;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: unknown;
}

type RecordEncoder = (record: RecordInput) => EncodedRecord;

const RECORD_MODULE = 'kafkajs/src/protocol/recordBatch/record/v0';
const PRODUCE_REQUEST_MODULE = 'kafkajs/src/protocol/requests/produce/v3/request';
/** The one version whose bytes the spec holds this encoder to. */
const KAFKAJS_VERSION = '2.2.4';

/** Varints up to here keep their zigzag form a positive int32 (kafkajs's own range is the same for real lengths). */
const MAX_VARINT = 2 ** 30;
/** Timestamp deltas whose zigzag form (2|n|) stays a safe integer. */
const MAX_VARLONG = 2 ** 51;

const isBytes = (value: unknown): value is string | Buffer => typeof value === 'string' || Buffer.isBuffer(value);
const byteLength = (value: string | Buffer): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length);

function uvarintSize(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes += 1;
  return bytes;
}

const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);
const varintSize = (value: number): number => uvarintSize(zigzag(value));
const bytesSize = (value: string | Buffer | null): number => (value === null ? 1 : varintSize(byteLength(value)) + byteLength(value));

function writeUvarint(buf: Buffer, at: number, value: number): number {
  let offset = at;
  let rest = value;
  while (rest >= 0x80) {
    buf[offset++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  buf[offset++] = rest;
  return offset;
}

const writeVarint = (buf: Buffer, at: number, value: number): number => writeUvarint(buf, at, zigzag(value));

function writeBytes(buf: Buffer, at: number, value: string | Buffer | null): number {
  if (value === null) return writeVarint(buf, at, -1);
  const length = byteLength(value);
  const offset = writeVarint(buf, at, length);
  if (typeof value === 'string') buf.write(value, offset, length, 'utf8');
  else value.copy(buf, offset);
  return offset + length;
}

/** Headers as kafkajs flattens them (an array value is one header per item), or null when the fast path does not cover them. */
function flatHeaders(headers: unknown): [string, string | Buffer][] | null {
  if (headers === undefined) return [];
  if (headers === null || typeof headers !== 'object') return null;
  const flat: [string, string | Buffer][] = [];
  for (const key of Object.keys(headers)) {
    const value: unknown = (headers as Record<string, unknown>)[key];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (!isBytes(item)) return null;
      flat.push([key, item]);
    }
  }
  return flat;
}

const inRange = (value: unknown, bound: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) < bound;

/**
 * One record (Kafka record format v2) as kafkajs's Record v0 writes it, or undefined when
 * `fallback` should encode it.
 */
function encodeFast(record: RecordInput): EncodedRecord | undefined {
  const { offsetDelta = 0, timestampDelta = 0, key = null, value = null } = record;
  if (!inRange(offsetDelta, MAX_VARINT) || !inRange(timestampDelta, MAX_VARLONG)) return undefined;
  const keyBytes = key === undefined ? null : key;
  const valueBytes = value === undefined ? null : value;
  if ((keyBytes !== null && !isBytes(keyBytes)) || (valueBytes !== null && !isBytes(valueBytes))) return undefined;
  const headers = flatHeaders(record.headers);
  if (!headers) return undefined;

  let headersSize = varintSize(headers.length);
  for (const [name, headerValue] of headers) headersSize += bytesSize(name) + bytesSize(headerValue);
  const bodySize = 1 + varintSize(timestampDelta) + varintSize(offsetDelta) + bytesSize(keyBytes) + bytesSize(valueBytes) + headersSize;
  if (bodySize >= MAX_VARINT) return undefined;

  const buf = Buffer.allocUnsafe(varintSize(bodySize) + bodySize);
  let offset = writeVarint(buf, 0, bodySize);
  buf[offset++] = 0; // attributes: none per record
  offset = writeVarint(buf, offset, timestampDelta);
  offset = writeVarint(buf, offset, offsetDelta);
  offset = writeBytes(buf, offset, keyBytes);
  offset = writeBytes(buf, offset, valueBytes);
  offset = writeVarint(buf, offset, headers.length);
  for (const [name, headerValue] of headers) {
    offset = writeBytes(buf, offset, name);
    offset = writeBytes(buf, offset, headerValue);
  }
  if (offset !== buf.length) throw new Error(`record encoding wrote ${offset} of ${buf.length} bytes`);
  return { buf, buffer: buf };
}

/** The fast encoder in front of kafkajs's own, which takes whatever the fast one does not cover. */
export function recordEncoder(fallback: RecordEncoder): RecordEncoder {
  return (record) => encodeFast(record) ?? fallback(record);
}

function installedKafkajsVersion(): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(require.resolve('kafkajs/package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

let installed: boolean | undefined;

/**
 * Puts `encodeRecord` in kafkajs's module cache in place of its record encoder, once per
 * process; true if it is in place. It is not when kafkajs is another version than the one the
 * spec compares with, when kafkajs's Produce request was loaded before (it holds the encoder it
 * found then), or under a module loader without Node's cache (Jest, ES modules): kafkajs then
 * encodes as it always did.
 */
export function installRecordEncoding(): boolean {
  installed ??= (() => {
    // An ES module has no `require` of its own, nor Node's CommonJS cache to put the encoder in.
    if (typeof require !== 'function' || typeof require.resolve !== 'function') return false;
    if (installedKafkajsVersion() !== KAFKAJS_VERSION) return false;
    const produceRequest = require.resolve(PRODUCE_REQUEST_MODULE);
    const recordModule = require.resolve(RECORD_MODULE);
    if (require.cache[produceRequest] !== undefined) return false;
    const original = require(recordModule) as RecordEncoder;
    const cached = require.cache[recordModule];
    if (!cached || typeof original !== 'function') return false;
    cached.exports = recordEncoder(original);
    return true;
  })();
  return installed;
}
