import { ApiKey, KafkaError, type MetadataTopic } from '@touchpoint/kafka-protocol';
import { type BrokerContext, CLUSTER_ID, type Handler, NODE_ID } from '../broker-context';
import { advertisedEndpoint } from '../network/advertised-endpoint';
import { type Topic, topicNameError } from '../storage/topic-store';

function describeTopic(topic: Topic): MetadataTopic {
  return {
    errorCode: KafkaError.NONE.code,
    name: topic.name,
    isInternal: false,
    partitions: topic.partitions.map((_, partitionIndex) => ({
      errorCode: KafkaError.NONE.code,
      partitionIndex,
      leaderId: NODE_ID,
      replicaNodes: [NODE_ID],
      isrNodes: [NODE_ID],
    })),
  };
}

function missingTopic(name: string, errorCode: number): MetadataTopic {
  return { errorCode, name, isInternal: false, partitions: [] };
}

export function metadataHandler(broker: BrokerContext): Handler<ApiKey.Metadata> {
  const { options, topics } = broker;
  return (request, context) => {
    const answered: MetadataTopic[] =
      request.topics === null
        ? topics.list().map(describeTopic)
        : request.topics.map((name) => {
            const existing = topics.get(name);
            if (existing) return describeTopic(existing);
            if (topicNameError(name)) return missingTopic(name, KafkaError.INVALID_TOPIC_EXCEPTION.code);
            if (!options.autoCreateTopics || !request.allowAutoTopicCreation) {
              return missingTopic(name, KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code);
            }
            const created = topics.create(name, options.defaultPartitions, {});
            options.logger.info({ topic: name, partitions: options.defaultPartitions }, 'auto-created topic');
            return describeTopic(created);
          });
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: NODE_ID, ...advertisedEndpoint(options.advertisedHost, broker.port(), context.localEndpoint), rack: null }],
      clusterId: CLUSTER_ID,
      controllerId: NODE_ID,
      topics: answered,
    };
  };
}
