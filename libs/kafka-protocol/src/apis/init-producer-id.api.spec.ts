import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { initProducerIdApi } from './init-producer-id.api';

const idempotent = hex(/* transactional_id: null */ 'ffff', /* transaction_timeout_ms: 60000 */ '0000ea60');
const transactional = hex('0004', utf8('tx-1'), '0000ea60');

describe('InitProducerId codec', () => {
  it.each([0, 1])('v%i request from an idempotent producer', (version) => {
    expect(decodeAll(initProducerIdApi, version, idempotent)).toEqual({ transactionalId: null, transactionTimeoutMs: 60000 });
  });

  it.each([0, 1])('v%i request from a transactional producer', (version) => {
    expect(decodeAll(initProducerIdApi, version, transactional)).toEqual({ transactionalId: 'tx-1', transactionTimeoutMs: 60000 });
  });

  it.each([0, 1])('v%i request truncated by one byte throws', (version) => {
    expect(() => decodeAll(initProducerIdApi, version, withoutLastByte(idempotent))).toThrow(ProtocolDecodeError);
  });

  it.each([0, 1])('v%i response', (version) => {
    expect(encodeHex(initProducerIdApi, version, { throttleTimeMs: 0, errorCode: 0, producerId: 4096, producerEpoch: 0 })).toBe(
      toHex(hex(/* throttle */ '00000000', /* error */ '0000', /* producer_id */ '0000000000001000', /* epoch */ '0000')),
    );
  });
});
