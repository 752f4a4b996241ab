/**
 * Apache Kafka cannot run on this machine (no Java 17+, no Maven, or Maven Central out of
 * reach). Its message is meant for a person: what is missing and how to get it, no stack.
 */
export class ApacheKafkaUnavailable extends Error {
  override readonly name = 'ApacheKafkaUnavailable';
}
