import { Injectable } from '@nestjs/common';
import { NotReadyError, ReadinessProbe } from '@touchpoint/service-runtime';
import { ConsumerWaits, describeStalls } from './consumer-waits';
import { KafkaClient } from './kafka-client';

/**
 * Ready while the cluster answers and no consumer of this process is stalled: a partition
 * waiting on a dependency (Redis, Postgres) makes the service not ready, naming the topic,
 * partition, offset and cause, until the message went through.
 */
@Injectable()
export class KafkaReadinessProbe extends ReadinessProbe {
  readonly name = 'kafka';

  constructor(
    private readonly kafka: KafkaClient,
    private readonly waits: ConsumerWaits,
  ) {
    super();
  }

  async check(): Promise<void> {
    const stalls = this.waits.list();
    if (stalls.length > 0) {
      throw new NotReadyError(`consumers waiting: ${describeStalls(stalls)}`, stalls.map((s) => ({ ...s, since: new Date(s.since).toISOString() })));
    }
    const admin = await this.kafka.connectedAdmin();
    await admin.describeCluster();
  }
}
