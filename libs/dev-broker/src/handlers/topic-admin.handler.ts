import {
  ApiKey,
  ConfigResourceType,
  ConfigSource,
  type DescribeConfigsResult,
  KafkaError,
} from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';
import { effectiveTopicConfig, TOPIC_CONFIG_KEYS, type TopicConfigs, validateTopicConfig } from '../storage/topic-config';
import { TopicError, topicNameError } from '../storage/topic-store';

function describeFailure(error: unknown): { errorCode: number; errorMessage: string } {
  if (error instanceof TopicError) return { errorCode: error.error.code, errorMessage: error.message };
  throw error;
}

function topicDefaults(broker: BrokerContext) {
  const { retentionMs, retentionBytes, segmentBytes, maxMessageBytes } = broker.options;
  return { retentionMs, retentionBytes, segmentBytes, maxMessageBytes };
}

export function createTopicsHandler(broker: BrokerContext): Handler<ApiKey.CreateTopics> {
  return (request) => ({
    throttleTimeMs: 0,
    topics: request.topics.map((topic) => {
      const fail = (errorCode: number, errorMessage: string) => ({ name: topic.name, errorCode, errorMessage });
      if (topic.replicationFactor > 1) {
        return fail(KafkaError.INVALID_REPLICATION_FACTOR.code, `Replication factor ${topic.replicationFactor} is larger than the 1 available broker.`);
      }
      const partitions = topic.assignments.length > 0 ? topic.assignments.length : topic.numPartitions === -1 ? broker.options.defaultPartitions : topic.numPartitions;
      const configs: TopicConfigs = {};
      for (const { name, value } of topic.configs) {
        const problem = validateTopicConfig(name, value);
        if (problem) return fail(KafkaError.INVALID_CONFIG.code, problem);
        if (value !== null) Object.assign(configs, { [name]: value });
      }
      const nameProblem = topicNameError(topic.name);
      if (nameProblem) return fail(KafkaError.INVALID_TOPIC_EXCEPTION.code, nameProblem);
      if (broker.topics.get(topic.name)) return fail(KafkaError.TOPIC_ALREADY_EXISTS.code, `Topic '${topic.name}' already exists.`);
      if (partitions < 1) return fail(KafkaError.INVALID_PARTITIONS.code, `Number of partitions must be larger than 0, got ${partitions}.`);
      if (request.validateOnly) return { name: topic.name, errorCode: 0, errorMessage: null };
      try {
        broker.topics.create(topic.name, partitions, configs);
        broker.options.logger.info({ topic: topic.name, partitions }, 'created topic');
        return { name: topic.name, errorCode: 0, errorMessage: null };
      } catch (error) {
        return { name: topic.name, ...describeFailure(error) };
      }
    }),
  });
}

export function deleteTopicsHandler(broker: BrokerContext): Handler<ApiKey.DeleteTopics> {
  return (request) => ({
    throttleTimeMs: 0,
    responses: request.topicNames.map((name) => {
      try {
        broker.topics.delete(name);
        broker.producers.forgetTopic(name);
        broker.options.logger.info({ topic: name }, 'deleted topic');
        return { name, errorCode: 0 };
      } catch (error) {
        return { name, errorCode: describeFailure(error).errorCode };
      }
    }),
  });
}

export function createPartitionsHandler(broker: BrokerContext): Handler<ApiKey.CreatePartitions> {
  return (request) => ({
    throttleTimeMs: 0,
    results: request.topics.map(({ name, count }) => {
      try {
        const topic = broker.topics.get(name);
        if (request.validateOnly && topic && count > topic.partitions.length) return { name, errorCode: 0, errorMessage: null };
        broker.topics.addPartitions(name, count);
        return { name, errorCode: 0, errorMessage: null };
      } catch (error) {
        return { name, ...describeFailure(error) };
      }
    }),
  });
}

export function describeConfigsHandler(broker: BrokerContext): Handler<ApiKey.DescribeConfigs> {
  return (request) => ({
    throttleTimeMs: 0,
    results: request.resources.map((resource): DescribeConfigsResult => {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      const wanted = (name: string): boolean => resource.configurationKeys === null || resource.configurationKeys.includes(name);
      if (resource.resourceType === ConfigResourceType.Topic) {
        const topic = broker.topics.get(resource.resourceName);
        if (!topic) {
          return { ...base, errorCode: KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code, errorMessage: `Topic ${resource.resourceName} does not exist`, configs: [] };
        }
        const effective = effectiveTopicConfig(topic.configs, topicDefaults(broker));
        return {
          ...base,
          errorCode: 0,
          errorMessage: null,
          configs: TOPIC_CONFIG_KEYS.filter(wanted).map((name) => ({
            name,
            value: effective[name],
            readOnly: false,
            configSource: topic.configs[name] !== undefined ? ConfigSource.TopicConfig : ConfigSource.Default,
            isSensitive: false,
          })),
        };
      }
      if (resource.resourceType === ConfigResourceType.Broker) {
        const { options } = broker;
        const brokerConfigs: Record<string, string> = {
          'auto.create.topics.enable': String(options.autoCreateTopics),
          'num.partitions': String(options.defaultPartitions),
          'log.retention.ms': String(options.retentionMs),
          'log.retention.bytes': String(options.retentionBytes),
          'log.segment.bytes': String(options.segmentBytes),
          'message.max.bytes': String(options.maxMessageBytes),
        };
        return {
          ...base,
          errorCode: 0,
          errorMessage: null,
          configs: Object.entries(brokerConfigs)
            .filter(([name]) => wanted(name))
            .map(([name, value]) => ({ name, value, readOnly: true, configSource: ConfigSource.StaticBrokerConfig, isSensitive: false })),
        };
      }
      return { ...base, errorCode: KafkaError.INVALID_REQUEST.code, errorMessage: `Unsupported resource type ${resource.resourceType}`, configs: [] };
    }),
  });
}
