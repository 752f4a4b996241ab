import { Injectable, Logger } from '@nestjs/common';
import type { JourneyTransition } from '@touchpoint/contracts';
import { diffStates, isEmptyChange, type JourneyState, mergeStates } from '@touchpoint/journey-model';
import { JourneyStateRepository } from '../journey-state/journey-state.repository';
import { stageLine, transitionOf } from '../journey-state/transition-of';
import { TransitionPublisher } from '../journey-state/transition.publisher';
import { updateJourney } from '../journey-state/update-journey';
import type { MergeProfilesCommand } from './merge-profiles.command';

/**
 * Joins the merged profiles' journeys into the survivor: publish the survivor's transition,
 * save the survivor, then delete the merged states. Each step can be repeated after a crash:
 * merging is idempotent, so a redelivered merge finds nothing new and publishes nothing.
 */
@Injectable()
export class MergeProfilesHandler {
  private readonly logger = new Logger(MergeProfilesHandler.name);

  constructor(
    private readonly journeys: JourneyStateRepository,
    private readonly transitions: TransitionPublisher,
  ) {}

  async execute(command: MergeProfilesCommand): Promise<JourneyTransition | null> {
    const { survivorProfileId, mergedProfileIds, mergeId, mergedAt } = command.merge;
    const mergedIds = [...new Set(mergedProfileIds)].filter((id) => id !== survivorProfileId);
    const merged: JourneyState[] = [];
    for (const id of mergedIds) {
      const stored = await this.journeys.read(id);
      if (stored) merged.push(stored.state);
    }

    const transition = await updateJourney(this.journeys, survivorProfileId, async (before) => {
      const after = merged.reduce(mergeStates, before);
      const change = diffStates(before, after);
      if (isEmptyChange(change)) return { after, result: null };
      // The merge message is the cause: its id is unique, unlike the event that proved the
      // identity, which also gets a transition of its own.
      const next = transitionOf({ profileId: survivorProfileId, causedByMessageId: mergeId, occurredAt: mergedAt, channel: null }, change);
      await this.transitions.publish(next, command.traceId);
      return { after, result: next };
    });

    for (const id of mergedIds) await this.journeys.delete(id);
    const line = transition && stageLine(transition);
    if (line) this.logger.log(line);
    return transition;
  }
}
