import { createHash } from 'node:crypto';
import type { SegmentMessage } from '@touchpoint/contracts';
import { canonicalJson } from './canonical-json';
import { compareStrings } from './plain-records';

/** The profile id and identifier an event arrived under, kept so a later unmerge can split the log. */
export interface EntryOrigin {
  readonly profileId: string;
  readonly identifier: string | null;
}

export interface EventEntry {
  readonly kind: 'event';
  readonly messageId: string;
  /** Date.parse(event.timestamp): the skew-corrected event time. */
  readonly at: number;
  /** sha256 hex of the event's canonical JSON. */
  readonly contentHash: string;
  readonly event: SegmentMessage;
  readonly origin: EntryOrigin;
}

/** A timer firing: it only advances the journey clock. */
export interface TickEntry {
  readonly kind: 'tick';
  /** `tick:${at}` */
  readonly messageId: string;
  readonly at: number;
}

/** One line of a profile's log. Plain JSON: stored as jsonb and in Redis. */
export type JourneyEntry = EventEntry | TickEntry;

export function contentHashOf(event: SegmentMessage): string {
  return createHash('sha256').update(canonicalJson(event), 'utf8').digest('hex');
}

export function eventEntry(event: SegmentMessage, origin: EntryOrigin): JourneyEntry {
  const at = Date.parse(event.timestamp);
  if (!Number.isFinite(at)) throw new RangeError(`event ${event.messageId} has no valid timestamp: ${event.timestamp}`);
  return { kind: 'event', messageId: event.messageId, at, contentHash: contentHashOf(event), event, origin: { profileId: origin.profileId, identifier: origin.identifier } };
}

export function tickEntry(at: number): JourneyEntry {
  if (!Number.isSafeInteger(at)) throw new RangeError(`a tick needs an integer epoch millisecond, got ${at}`);
  return { kind: 'tick', messageId: `tick:${at}`, at };
}

/** Canonical fold order: by event time, then messageId. */
export function compareEntries(a: JourneyEntry, b: JourneyEntry): number {
  return a.at - b.at || compareStrings(a.messageId, b.messageId);
}

/**
 * Of two copies of one messageId: the earliest `at`, ties the smallest contentHash, then the
 * smallest origin, so the choice is commutative, associative and idempotent (a total order).
 */
export function preferredCopy(a: JourneyEntry, b: JourneyEntry): JourneyEntry {
  return compareCopies(a, b) <= 0 ? a : b;
}

function compareCopies(a: JourneyEntry, b: JourneyEntry): number {
  return a.at - b.at || compareStrings(hashOf(a), hashOf(b)) || compareStrings(originOf(a), originOf(b));
}

const hashOf = (entry: JourneyEntry): string => (entry.kind === 'event' ? entry.contentHash : '');

// The JSON of [profileId, identifier] orders null apart from every string and cannot collide.
const originOf = (entry: JourneyEntry): string => (entry.kind === 'event' ? JSON.stringify([entry.origin.profileId, entry.origin.identifier]) : '');

/** The log as the fold sees it: one preferred copy per messageId, in canonical order. */
export function canonicalLog(entries: readonly JourneyEntry[]): JourneyEntry[] {
  const byId = new Map<string, JourneyEntry>();
  for (const entry of entries) {
    const kept = byId.get(entry.messageId);
    byId.set(entry.messageId, kept === undefined ? entry : preferredCopy(kept, entry));
  }
  return [...byId.values()].sort(compareEntries);
}
