import { ProtocolDecodeError } from '../errors/protocol-decode-error';
import { decodeAll, encodeHex, withoutLastByte } from '../testing/codec';
import { hex, toHex, utf8 } from '../testing/hex';
import { metadataApi, type MetadataResponse } from './metadata.api';

const ORDERS = '0006' + utf8('orders');

const response: MetadataResponse = {
  throttleTimeMs: 0,
  brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: null }],
  clusterId: 'dev',
  controllerId: 1,
  topics: [
    {
      errorCode: 0,
      name: 'orders',
      isInternal: false,
      partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1] }],
    },
  ],
};

const BROKER = [/* node_id */ '00000001', /* host */ '0009', utf8('localhost'), /* port: 9092 */ '00002384'];
const PARTITION = [/* error_code */ '0000', /* partition_index */ '00000000', /* leader_id */ '00000001', /* replicas: [1] */ '00000001 00000001', /* isr: [1] */ '00000001 00000001'];

describe('Metadata codec', () => {
  describe('requests', () => {
    it('v0: an empty topic array asks for every topic', () => {
      expect(decodeAll(metadataApi, 0, hex('00000000'))).toEqual({ topics: null, allowAutoTopicCreation: true });
    });

    it('v0: named topics', () => {
      expect(decodeAll(metadataApi, 0, hex('00000001', ORDERS))).toEqual({ topics: ['orders'], allowAutoTopicCreation: true });
    });

    it('v0: a null topic array is not part of the v0 grammar', () => {
      expect(() => decodeAll(metadataApi, 0, hex('ffffffff'))).toThrow(ProtocolDecodeError);
    });

    it('v1: null asks for every topic, an empty array for none', () => {
      expect(decodeAll(metadataApi, 1, hex('ffffffff'))).toEqual({ topics: null, allowAutoTopicCreation: true });
      expect(decodeAll(metadataApi, 1, hex('00000000'))).toEqual({ topics: [], allowAutoTopicCreation: true });
    });

    it.each([4, 6])('v%i adds allow_auto_topic_creation', (version) => {
      expect(decodeAll(metadataApi, version, hex('00000001', ORDERS, /* allow_auto_topic_creation */ '00'))).toEqual({
        topics: ['orders'],
        allowAutoTopicCreation: false,
      });
    });

    it.each([
      [0, hex('00000001', ORDERS)],
      [3, hex('00000001', ORDERS)],
      [4, hex('00000001', ORDERS, '01')],
      [6, hex('ffffffff', '01')],
    ])('v%i request truncated by one byte throws', (version, body) => {
      expect(() => decodeAll(metadataApi, version, withoutLastByte(body))).toThrow(ProtocolDecodeError);
    });
  });

  describe('responses', () => {
    it('v0: brokers without rack, no controller, no is_internal', () => {
      expect(encodeHex(metadataApi, 0, response)).toBe(
        toHex(hex('00000001', ...BROKER, /* topics */ '00000001', '0000', ORDERS, '00000001', ...PARTITION)),
      );
    });

    it('v1 adds rack, controller_id and is_internal', () => {
      expect(encodeHex(metadataApi, 1, response)).toBe(
        toHex(
          hex(
            '00000001', ...BROKER, /* rack: null */ 'ffff',
            /* controller_id */ '00000001',
            '00000001', '0000', ORDERS, /* is_internal */ '00',
            '00000001', ...PARTITION,
          ),
        ),
      );
    });

    it('v2 adds cluster_id between brokers and controller_id', () => {
      expect(encodeHex(metadataApi, 2, response)).toBe(
        toHex(hex('00000001', ...BROKER, 'ffff', /* cluster_id */ '0003', utf8('dev'), '00000001', '00000001', '0000', ORDERS, '00', '00000001', ...PARTITION)),
      );
    });

    it('v3 adds the throttle time in front', () => {
      expect(encodeHex(metadataApi, 3, { ...response, throttleTimeMs: 9, clusterId: null })).toBe(
        toHex(hex('00000009', '00000001', ...BROKER, 'ffff', /* cluster_id: null */ 'ffff', '00000001', '00000001', '0000', ORDERS, '00', '00000001', ...PARTITION)),
      );
    });

    it.each([5, 6])('v%i adds an (empty) offline_replicas array per partition', (version) => {
      expect(encodeHex(metadataApi, version, response)).toBe(
        toHex(
          hex('00000000', '00000001', ...BROKER, 'ffff', '0003', utf8('dev'), '00000001', '00000001', '0000', ORDERS, '00', '00000001', ...PARTITION, /* offline_replicas */ '00000000'),
        ),
      );
    });
  });
});
