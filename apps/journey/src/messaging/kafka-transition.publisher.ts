import { Injectable } from '@nestjs/common';
import { type JourneyTransition, Topics } from '@touchpoint/contracts';
import { EventPublisher } from '@touchpoint/kafka';
import { TransitionPublisher } from '../journey-state/transition.publisher';

@Injectable()
export class KafkaTransitionPublisher extends TransitionPublisher {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async publish(transition: JourneyTransition, traceId?: string): Promise<void> {
    await this.publisher.publish(Topics.journeyTransitions, [{ id: transition.transitionId, value: transition, traceId }]);
  }
}
