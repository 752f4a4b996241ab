import type { ResolvedEvent, SegmentMessage } from '@touchpoint/contracts';
import { eventEntry } from '@touchpoint/journey-model';
import type { IncomingEntry } from '../journey-record/journey-record';

/** The identifier an event arrived under, strongest first: what an unmerge would split the log by. */
export function originIdentifierOf(event: SegmentMessage): string | null {
  const { context } = event;
  if (event.userId) return `userId:${event.userId}`;
  if (context.loyaltyId) return `loyaltyId:${context.loyaltyId}`;
  if (context.posCustomerId) return `posCustomerId:${context.posCustomerId}`;
  if (context.emailHash) return `emailHash:${context.emailHash}`;
  if (context.phoneHash) return `phoneHash:${context.phoneHash}`;
  if (event.anonymousId) return `anonymousId:${event.anonymousId}`;
  return null;
}

export function entryOfResolvedEvent(resolved: ResolvedEvent): IncomingEntry {
  return {
    profileId: resolved.profileId,
    entry: eventEntry(resolved.event, { profileId: resolved.profileId, identifier: originIdentifierOf(resolved.event) }),
  };
}
