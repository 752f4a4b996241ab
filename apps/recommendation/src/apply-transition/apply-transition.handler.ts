import { Injectable } from '@nestjs/common';
import type { RecommendationMessage } from '@touchpoint/contracts';
import { Catalog } from '../catalog/catalog';
import { decide, sameDecisions } from '../recommendation-rules/decide';
import { planMessages } from '../recommendation-rules/plan-messages';
import type { ApplyTransitionCommand } from './apply-transition.command';
import { JourneyProfiles } from '../profiles/journey-profiles';
import { productsAt } from './products-at';
import { PublishedRecommendationsRepository } from './published-recommendations.repository';
import { RecommendationPublisher } from './recommendation.publisher';

/**
 * Decides from the profile's facts, tells platforms what differs from what they were last
 * told, and only then records it as told: a crash in between makes the redelivered
 * transition send the same messages again (same ids), never lose them.
 */
@Injectable()
export class ApplyTransitionHandler {
  constructor(
    private readonly profiles: JourneyProfiles,
    private readonly published: PublishedRecommendationsRepository,
    private readonly publisher: RecommendationPublisher,
    private readonly catalog: Catalog,
  ) {}

  async execute(command: ApplyTransitionCommand): Promise<RecommendationMessage[]> {
    const { transition } = command;
    const products = productsAt(await this.profiles.get(transition.profileId), transition);
    const next = decide(products, this.catalog);
    const previous = await this.published.get(transition.profileId);
    if (sameDecisions(previous, next)) return [];
    const messages = planMessages(transition, previous, next, products);
    await this.publisher.publish(messages, command.traceId);
    await this.published.put(transition.profileId, next);
    return messages;
  }
}
