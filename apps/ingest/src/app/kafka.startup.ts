import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { EventPublisher, TopicProvisioner } from '@touchpoint/kafka';

/** Before the port opens: the topics exist and the producer is connected, so the first call is not the slow one. */
@Injectable()
export class KafkaStartup implements OnApplicationBootstrap {
  constructor(
    private readonly topics: TopicProvisioner,
    private readonly publisher: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.eventsRaw, Topics.deadLetter]);
    await this.publisher.connect();
  }
}
