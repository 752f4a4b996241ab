import { Controller, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ResolveIdentityCommand } from './resolve-identity.command';
import { ResolveIdentityHandler } from './resolve-identity.handler';

export const IDENTITY_CONSUMER_GROUP = 'touchpoint-identity';

/** Feeds tp.events.raw.v1 to the resolver; offsets move only after the outputs were acknowledged. */
@Controller()
export class ResolveIdentityMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly handler: ResolveIdentityHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Every topic identity writes, the unmerges of the HTTP API included, exists before the first publish.
    await this.topics.ensure([Topics.eventsRaw, Topics.eventsResolved, Topics.identityMerged, Topics.identityUnmerged, Topics.profileDeleted, Topics.deadLetter]);
    await this.consumers.start({
      groupId: IDENTITY_CONSUMER_GROUP,
      topic: Topics.eventsRaw,
      // Resolution waits on Postgres, not the CPU; the graph locks the profiles it changes, so
      // partitions resolved at once are as safe as two instances resolving them.
      partitionsConcurrently: 3,
      handle: async (event, context) => {
        await this.handler.execute(new ResolveIdentityCommand(event, context.traceId, context.acceptedAt));
      },
    });
  }
}
