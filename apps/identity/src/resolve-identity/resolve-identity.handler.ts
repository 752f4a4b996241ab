import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ProfilesMerged, type ResolvedEvent, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher, type OutgoingEvent } from '@touchpoint/kafka';
import { IdentifierCache } from '../domain/identifier-cache';
import { extractIdentifiers } from '../domain/identifiers';
import { IdentityGraph, type Resolution } from '../domain/identity-graph';
import { defaultIdentityRules, IDENTITY_RULES, type IdentityRules } from '../domain/identity-rules';
import type { ResolveIdentityCommand } from './resolve-identity.command';

/**
 * Resolves a raw event in the identity graph, then announces it: merges first, so journey
 * folds the merged state before it applies the event, then the resolved event. Every output
 * id derives from the messageId, so a redelivered event republishes the same messages.
 */
@Injectable()
export class ResolveIdentityHandler {
  private readonly logger = new Logger(ResolveIdentityHandler.name);

  constructor(
    private readonly graph: IdentityGraph,
    private readonly cache: IdentifierCache,
    private readonly publisher: EventPublisher,
    @Inject(IDENTITY_RULES) private readonly rules: IdentityRules = defaultIdentityRules,
  ) {}

  async execute(command: ResolveIdentityCommand): Promise<Resolution> {
    const { event, traceId } = command;
    const identifiers = extractIdentifiers(event, this.rules);
    if (identifiers.length === 0) {
      throw new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', `event ${event.messageId} carries no usable identifier`, { messageId: event.messageId });
    }
    const resolution = await this.graph.resolve({ messageId: event.messageId, identifiers, seenAt: new Date(event.timestamp) });

    for (const refused of resolution.refused) {
      const what = refused.profileId === null ? `new ${refused.linkedBy.type}` : `profile ${refused.profileId} (linked by ${refused.linkedBy.type})`;
      this.logger.warn(
        `refused to merge ${what} into ${resolution.profileId}: more than ${refused.max} ${refused.limitType} per profile; ` +
          `event ${event.messageId} went to ${resolution.profileId} (recorded in merge_refusals)`,
      );
    }

    await this.cache.update(resolution.assignments, resolution.moved);

    const merges: OutgoingEvent<ProfilesMerged>[] = resolution.merges.map((merge) => ({
      id: merge.mergeId,
      traceId,
      time: merge.mergedAt.toISOString(),
      value: {
        mergeId: merge.mergeId,
        survivorProfileId: merge.survivorProfileId,
        mergedProfileIds: [merge.mergedProfileId],
        reason: merge.reason,
        identifiers: [...resolution.identifiers],
        mergedAt: merge.mergedAt.toISOString(),
        causedByMessageId: merge.causedByMessageId,
      },
    }));
    await this.publisher.publish(Topics.identityMerged, merges);

    const resolved: OutgoingEvent<ResolvedEvent> = {
      id: `resolved:${event.messageId}`,
      traceId,
      value: { profileId: resolution.profileId, identifiers: [...resolution.identifiers], event },
    };
    await this.publisher.publish(Topics.eventsResolved, [resolved]);
    return resolution;
  }
}
