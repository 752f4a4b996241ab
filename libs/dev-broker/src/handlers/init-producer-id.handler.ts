import { ApiKey, KafkaError } from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';

export function initProducerIdHandler(broker: BrokerContext): Handler<ApiKey.InitProducerId> {
  return (request) => {
    if (request.transactionalId !== null) {
      // Transactions are out of scope for the dev broker; refuse clearly rather than pretend.
      return { throttleTimeMs: 0, errorCode: KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code, producerId: -1, producerEpoch: -1 };
    }
    return { throttleTimeMs: 0, errorCode: KafkaError.NONE.code, producerId: broker.producers.allocateProducerId(), producerEpoch: 0 };
  };
}
