import { CommerceEvent, type SegmentMessage, TouchpointError } from '@touchpoint/contracts';
import { type FieldIssue, type FieldPath, formatPath } from '../validation/field-issues';

/** Store transactions take their messageIds from here (store-transaction-to-event.ts); no Segment call may. */
const STORE_MESSAGE_ID_PREFIX = 'store:';
const SALE_EVENTS: ReadonlySet<string> = new Set([CommerceEvent.OrderCompleted, CommerceEvent.OrderRefunded]);

/**
 * What a Segment call may not claim, whatever its write key: web and app keys are public (they
 * ship in pages and apps), so a call that took a store sale's messageId would make the real sale
 * a duplicate and have it dropped, and a store-channel order would stop retargeting as a store
 * purchase would. Store sales and returns come only through pos keys and the POS topic.
 */
export function storeClaimIssues(message: SegmentMessage, at: FieldPath): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (message.messageId.startsWith(STORE_MESSAGE_ID_PREFIX)) {
    issues.push({ path: formatPath([...at, 'messageId']), message: `messageIds starting with "${STORE_MESSAGE_ID_PREFIX}" belong to store transactions` });
  }
  if (message.type === 'track' && SALE_EVENTS.has(message.event) && message.context.channel === 'store') {
    issues.push({ path: formatPath([...at, 'context', 'channel']), message: `a store ${message.event} comes from the POS (a pos write key), not a Segment call` });
  }
  return issues;
}

export function storeClaimRefused(issues: readonly FieldIssue[]): TouchpointError {
  return new TouchpointError('TP_INGEST_STORE_CLAIM', `${issues.map((issue) => issue.path).join(', ')}: only store transactions may say this`, issues);
}
