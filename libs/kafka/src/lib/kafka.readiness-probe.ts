import { Injectable } from '@nestjs/common';
import { ReadinessProbe } from '@touchpoint/service-runtime';
import { KafkaClient } from './kafka-client';

@Injectable()
export class KafkaReadinessProbe extends ReadinessProbe {
  readonly name = 'kafka';

  constructor(private readonly kafka: KafkaClient) {
    super();
  }

  async check(): Promise<void> {
    const admin = await this.kafka.connectedAdmin();
    await admin.describeCluster();
  }
}
