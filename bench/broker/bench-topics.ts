/**
 * The run's topics: created up front with the workload's partitions on whichever broker,
 * and counted after the produce phase.
 */
import { type Kafka } from 'kafkajs';
import { PARTITIONS } from './workload';

export async function createTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })) });
    // createTopics answers false instead of failing for a topic that already exists: check that
    // each broker really holds the partitions the workload is spread over.
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
    for (const topic of metadata.topics) {
      if (topic.partitions.length !== PARTITIONS) throw new Error(`topic ${topic.name} has ${topic.partitions.length} partitions, expected ${PARTITIONS}`);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function recordsInTopic(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}
