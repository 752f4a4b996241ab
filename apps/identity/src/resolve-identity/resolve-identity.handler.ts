import { Injectable, Logger } from '@nestjs/common';
import { type ProfilesMerged, type ResolvedEvent, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher, type OutgoingEvent } from '@touchpoint/kafka';
import { type ErasedMatch, ErasedIdentifierError, ErasureLedger } from '../domain/erasure-ledger';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentifierReader } from '../domain/identifier-reader';
import { IdentityGraph, type Resolution } from '../domain/identity-graph';
import { MergeCounters } from '../metrics/merge-counters';
import type { ResolveIdentityCommand } from './resolve-identity.command';

/**
 * Resolves a raw event in the identity graph, then announces it: merges first, so journey
 * folds the merged state before it applies the event, then the resolved event. Every output
 * id derives from the messageId, so a redelivered event republishes the same messages.
 * An event received before one of its identifiers was erased is dropped: replaying old
 * topics never brings an erased customer back.
 */
@Injectable()
export class ResolveIdentityHandler {
  private readonly logger = new Logger(ResolveIdentityHandler.name);

  constructor(
    private readonly graph: IdentityGraph,
    private readonly cache: IdentifierCache,
    private readonly publisher: EventPublisher,
    private readonly identifierReader: IdentifierReader,
    private readonly ledger: ErasureLedger,
    private readonly counters: MergeCounters,
  ) {}

  /** The resolution, or null when the event was dropped because it describes an erased customer. */
  async execute(command: ResolveIdentityCommand): Promise<Resolution | null> {
    const { event, traceId } = command;
    // receivedAt is ingest's accept time too: events published before the header existed keep it.
    const acceptedAt = command.acceptedAt ?? (Date.parse(event.receivedAt) || null);
    const identifiers = this.identifierReader.extract(event);
    if (identifiers.length === 0) {
      throw new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', `event ${event.messageId} carries no usable identifier`, { messageId: event.messageId });
    }
    const receivedAt = new Date(event.receivedAt);
    const erasureKeys = identifiers.map((identifier) => this.identifierReader.erasureKey(identifier));
    const erased = await this.ledger.erasedSince(erasureKeys, receivedAt);
    if (erased) return this.dropErased(event.messageId, erased);
    let resolution: Resolution;
    try {
      resolution = await this.graph.resolve({ messageId: event.messageId, identifiers, seenAt: new Date(event.timestamp), receivedAt, erasureKeys });
    } catch (error) {
      if (error instanceof ErasedIdentifierError) return this.dropErased(event.messageId, error.match);
      throw error;
    }

    for (const refused of resolution.refused) {
      const what = refused.profileId === null ? `new ${refused.linkedBy.type}` : `profile ${refused.profileId} (linked by ${refused.linkedBy.type})`;
      const why =
        refused.reason === 'max_per_profile'
          ? `more than ${refused.max} ${refused.limitType} per profile`
          : refused.reason === 'shared_identifier'
            ? `linked only by shared ${refused.linkedBy.type}`
            : 'an unmerge blocked this link';
      this.logger.warn(`refused to merge ${what} into ${resolution.profileId}: ${why}; event ${event.messageId} went to ${resolution.profileId} (recorded in merge_refusals)`);
    }

    await this.cache.update(resolution.assignments, resolution.moved);

    const merges: OutgoingEvent<ProfilesMerged>[] = resolution.merges.map((merge) => ({
      id: merge.mergeId,
      traceId,
      acceptedAt,
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
    this.counters.merged(resolution.merges);
    this.counters.refused(resolution.refused);

    const resolved: OutgoingEvent<ResolvedEvent> = {
      id: `resolved:${event.messageId}`,
      traceId,
      acceptedAt,
      value: { profileId: resolution.profileId, identifiers: [...resolution.identifiers], event: this.identifierReader.withoutContactTraits(event) },
    };
    await this.publisher.publish(Topics.eventsResolved, [resolved]);
    return resolution;
  }

  private dropErased(messageId: string, erased: ErasedMatch): null {
    this.logger.log(`dropped event ${messageId}: received before deletion ${erased.deletionId} erased one of its identifiers`);
    return null;
  }
}
