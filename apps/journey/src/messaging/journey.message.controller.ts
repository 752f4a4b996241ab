import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { JourneySettings } from '@touchpoint/config';
import { Topics } from '@touchpoint/contracts';
import { ConsumerRunner, TopicProvisioner } from '@touchpoint/kafka';
import { ApplyJourneyEntriesCommand } from '../apply-journey-entries/apply-journey-entries.command';
import { ApplyJourneyEntriesHandler } from '../apply-journey-entries/apply-journey-entries.handler';
import { entryOfResolvedEvent } from '../apply-journey-entries/entry-of-resolved-event';
import { JOURNEY_SETTINGS } from '../app/journey-settings';
import { ForgetProfileCommand } from '../forget-profile/forget-profile.command';
import { ForgetProfileHandler } from '../forget-profile/forget-profile.handler';
import { MergeProfilesCommand } from '../merge-profiles/merge-profiles.command';
import { MergeProfilesHandler } from '../merge-profiles/merge-profiles.handler';
import { UnmergeProfilesCommand } from '../unmerge-profiles/unmerge-profiles.command';
import { UnmergeProfilesHandler } from '../unmerge-profiles/unmerge-profiles.handler';

export const RESOLVED_EVENTS_GROUP = 'touchpoint-journey';
export const MERGES_GROUP = 'touchpoint-journey-merges';
export const DELETIONS_GROUP = 'touchpoint-journey-deletions';
export const UNMERGES_GROUP = 'touchpoint-journey-unmerges';

/**
 * Feeds the journey's inputs to their handlers once the app is up: resolved events a fetched
 * batch at a time (one transaction each), merges, unmerges and erasures one by one, each in its own group
 * so a backlog of events never delays them.
 */
@Injectable()
export class JourneyMessageController implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ConsumerRunner,
    private readonly topics: TopicProvisioner,
    private readonly applyEntries: ApplyJourneyEntriesHandler,
    private readonly mergeProfiles: MergeProfilesHandler,
    private readonly forgetProfile: ForgetProfileHandler,
    private readonly unmergeProfiles: UnmergeProfilesHandler,
    @Inject(JOURNEY_SETTINGS) private readonly settings: JourneySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([Topics.eventsResolved, Topics.identityMerged, Topics.identityUnmerged, Topics.profileDeleted, Topics.journeyTransitions, Topics.deadLetter]);
    await this.runner.start({
      groupId: RESOLVED_EVENTS_GROUP,
      topic: Topics.eventsResolved,
      maxBatchSize: this.settings.maxBatchSize,
      // Each batch waits on its Postgres transaction: other partitions' batches go on meanwhile.
      partitionsConcurrently: this.settings.partitionsConcurrently,
      handleBatch: async (items) => {
        await this.applyEntries.execute(new ApplyJourneyEntriesCommand(items.map((item) => entryOfResolvedEvent(item.value))));
      },
    });
    await this.runner.start({
      groupId: MERGES_GROUP,
      topic: Topics.identityMerged,
      handle: async (merge) => {
        await this.mergeProfiles.execute(new MergeProfilesCommand(merge));
      },
    });
    await this.runner.start({
      groupId: UNMERGES_GROUP,
      topic: Topics.identityUnmerged,
      handle: async (unmerge) => {
        await this.unmergeProfiles.execute(new UnmergeProfilesCommand(unmerge));
      },
    });
    await this.runner.start({
      groupId: DELETIONS_GROUP,
      topic: Topics.profileDeleted,
      handle: async (deleted) => {
        await this.forgetProfile.execute(new ForgetProfileCommand(deleted));
      },
    });
  }
}
