import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ApplyResolvedEventCommand } from '../apply-resolved-event/apply-resolved-event.command';
import { ApplyResolvedEventHandler } from '../apply-resolved-event/apply-resolved-event.handler';
import { MergeProfilesCommand } from '../merge-profiles/merge-profiles.command';
import { MergeProfilesHandler } from '../merge-profiles/merge-profiles.handler';

export const RESOLVED_EVENTS_GROUP = 'touchpoint-journey';
export const MERGES_GROUP = 'touchpoint-journey-merges';

/** Feeds resolved events and identity merges to their handlers once the app is up. */
@Injectable()
export class JourneyMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly applyResolvedEvent: ApplyResolvedEventHandler,
    private readonly mergeProfiles: MergeProfilesHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.eventsResolved, Topics.identityMerged, Topics.journeyTransitions, Topics.deadLetter]);
    await this.runner.start({
      groupId: RESOLVED_EVENTS_GROUP,
      topic: Topics.eventsResolved,
      handle: async (resolved, context) => {
        await this.applyResolvedEvent.execute(new ApplyResolvedEventCommand(resolved, context.traceId));
      },
    });
    await this.runner.start({
      groupId: MERGES_GROUP,
      topic: Topics.identityMerged,
      handle: async (merge, context) => {
        await this.mergeProfiles.execute(new MergeProfilesCommand(merge, context.traceId));
      },
    });
  }
}
