import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ApplyTransitionCommand } from '../apply-transition/apply-transition.command';
import { ApplyTransitionHandler } from '../apply-transition/apply-transition.handler';

export const TRANSITIONS_GROUP = 'touchpoint-recommendation';

/** Feeds tp.journey.transitions.v2 to the recommendation rules once the app is up. */
@Injectable()
export class TransitionsMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly applyTransition: ApplyTransitionHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.journeyTransitions, Topics.recommendations, Topics.deadLetter]);
    await this.runner.start({
      groupId: TRANSITIONS_GROUP,
      topic: Topics.journeyTransitions,
      handle: async (transition, context) => {
        await this.applyTransition.execute(new ApplyTransitionCommand(transition, context.traceId));
      },
    });
  }
}
