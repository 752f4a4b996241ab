import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ForgetProfileCommand } from './forget-profile.command';
import { ForgetProfileHandler } from './forget-profile.handler';

export const DELETIONS_GROUP = 'touchpoint-recommendation-deletions';

/** Feeds tp.profile.deleted.v1 to the handler, in its own consumer group. */
@Injectable()
export class ForgetProfileMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly forgetProfile: ForgetProfileHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.profileDeleted, Topics.deadLetter]);
    await this.runner.start({
      groupId: DELETIONS_GROUP,
      topic: Topics.profileDeleted,
      handle: async (deleted) => {
        await this.forgetProfile.execute(new ForgetProfileCommand(deleted));
      },
    });
  }
}
