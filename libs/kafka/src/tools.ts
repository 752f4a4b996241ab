// Kafka helpers without Nest, for command-line tools: importing the package index loads Nest
// (the module, the readiness probe), which costs a tool half a second at every start.
export { kafkajsSecurity } from './lib/kafka-security';
export { redriveDeadLetters, REDRIVEN_FROM_HEADER, type RedriveOptions, type RedriveResult } from './lib/redrive-dead-letters';
export { readTopicToEnd, type ReadRecord } from './lib/topic-reader';
