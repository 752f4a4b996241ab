import { Injectable } from '@nestjs/common';
import { type RecommendationMessage, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { RecommendationPublisher } from '../apply-transition/recommendation.publisher';

@Injectable()
export class KafkaRecommendationPublisher extends RecommendationPublisher {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async publish(messages: readonly RecommendationMessage[], traceId?: string): Promise<void> {
    // One send: all messages share the profile key, so they land on one partition in this order.
    await this.publisher.publish(
      Topics.recommendations,
      messages.map((message) => ({ id: message.id, value: message, traceId })),
    );
  }
}
