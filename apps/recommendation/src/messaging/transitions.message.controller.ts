import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ApplyTransitionsCommand } from '../apply-transitions/apply-transitions.command';
import { ApplyTransitionsHandler } from '../apply-transitions/apply-transitions.handler';

export const TRANSITIONS_GROUP = 'touchpoint-recommendation';

/** Feeds tp.journey.transitions.v2 to the recommendation rules once the app is up, a partition batch at a time. */
@Injectable()
export class TransitionsMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly applyTransitions: ApplyTransitionsHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.journeyTransitions, Topics.recommendations, Topics.recommendationsState, Topics.deadLetter]);
    await this.runner.start({
      groupId: TRANSITIONS_GROUP,
      topic: Topics.journeyTransitions,
      partitionsConcurrently: 3,
      handleBatch: async (items) => {
        await this.applyTransitions.execute(new ApplyTransitionsCommand(items.map((item) => ({ transition: item.value, acceptedAt: item.context.acceptedAt }))));
      },
    });
  }
}
