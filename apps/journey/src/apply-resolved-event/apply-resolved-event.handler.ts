import { Injectable, Logger } from '@nestjs/common';
import type { JourneyTransition } from '@touchpoint/contracts';
import { applyEvent, channelOf, diffStates, isEmptyChange } from '@touchpoint/journey-model';
import { JourneyStateRepository } from '../journey-state/journey-state.repository';
import { stageLine, transitionOf } from '../journey-state/transition-of';
import { TransitionPublisher } from '../journey-state/transition.publisher';
import { updateJourney } from '../journey-state/update-journey';
import type { ApplyResolvedEventCommand } from './apply-resolved-event.command';

/**
 * Applies the event to the cached journey and, when something moved, publishes the
 * transition BEFORE saving the state: a crash in between leaves the old state, so the
 * redelivered event recomputes the same transition (same id, which consumers de-duplicate)
 * instead of the change being saved but never announced.
 */
@Injectable()
export class ApplyResolvedEventHandler {
  private readonly logger = new Logger(ApplyResolvedEventHandler.name);

  constructor(
    private readonly journeys: JourneyStateRepository,
    private readonly transitions: TransitionPublisher,
  ) {}

  async execute(command: ApplyResolvedEventCommand): Promise<JourneyTransition | null> {
    const { profileId, event } = command.resolved;
    const transition = await updateJourney(this.journeys, profileId, async (before) => {
      const after = applyEvent(before, event);
      const change = diffStates(before, after);
      if (isEmptyChange(change)) return { after, result: null };
      const next = transitionOf({ profileId, causedByMessageId: event.messageId, occurredAt: event.timestamp, channel: channelOf(event) }, change);
      await this.transitions.publish(next, command.traceId);
      return { after, result: next };
    });
    const line = transition && stageLine(transition);
    if (line) this.logger.log(line);
    return transition;
  }
}
