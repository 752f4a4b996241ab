import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';

/**
 * InitProducerId (key 22), versions 0-1.
 *
 * Request
 *   transactional_id        nullable_string  (null: idempotent producer without transactions)
 *   transaction_timeout_ms  int32
 *
 * Response
 *   throttle_time_ms  int32
 *   error_code        int16
 *   producer_id       int64
 *   producer_epoch    int16
 */
export interface InitProducerIdRequest {
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  readonly throttleTimeMs: number;
  readonly errorCode: number;
  readonly producerId: number;
  readonly producerEpoch: number;
}

export const initProducerIdApi: ApiDefinition<InitProducerIdRequest, InitProducerIdResponse> = {
  key: ApiKey.InitProducerId,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,

  decodeRequest(reader) {
    return { transactionalId: reader.nullableString(), transactionTimeoutMs: reader.int32() };
  },

  encodeResponse(writer, _version, response) {
    writer.int32(response.throttleTimeMs).int16(response.errorCode);
    writer.int64(response.producerId).int16(response.producerEpoch);
  },
};
