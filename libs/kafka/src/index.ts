export { KafkaModule } from './lib/kafka.module';
export type { KafkaModuleOptions } from './lib/kafka-module-options';
export { KafkaClient } from './lib/kafka-client';
export { EventPublisher, type OutgoingEvent } from './lib/event-publisher';
export { ConsumerRunner, type ConsumerOptions, type MessageContext } from './lib/consumer-runner';
export { DeadLetters } from './lib/dead-letters';
export { TopicProvisioner } from './lib/topic-provisioner';
export { cloudEventHeaders, traceIdFrom } from './lib/cloud-events';
export { KafkaReadinessProbe } from './lib/kafka.readiness-probe';
