import { Injectable } from '@nestjs/common';
import type { RecommendationMessage } from '@touchpoint/contracts';
import { Catalog } from '../catalog/catalog';
import { reactToTransition } from '../recommendation-rules/react-to-transition';
import { unknownProfileState } from '../recommendation-view/recommendation-state';
import { RecommendationStateRepository } from '../recommendation-view/recommendation-state.repository';
import type { ApplyTransitionCommand } from './apply-transition.command';
import { RecommendationPublisher } from './recommendation.publisher';

/**
 * Decides from recommendation's own view of the profile, tells platforms what differs from
 * what they were last told, and only then keeps the new view and what was told, in one
 * write: a crash in between makes the redelivered transition send the same messages again
 * (same ids, same content), never lose them.
 */
@Injectable()
export class ApplyTransitionHandler {
  constructor(
    private readonly states: RecommendationStateRepository,
    private readonly publisher: RecommendationPublisher,
    private readonly catalog: Catalog,
  ) {}

  async execute(command: ApplyTransitionCommand): Promise<RecommendationMessage[]> {
    const { transition } = command;
    const reaction = reactToTransition((await this.states.get(transition.profileId)) ?? unknownProfileState, transition, this.catalog);
    if (reaction === null) return [];
    if (reaction.messages.length > 0) await this.publisher.publish(reaction.messages, command.traceId);
    await this.states.put(transition.profileId, reaction.state);
    return reaction.messages;
  }
}
