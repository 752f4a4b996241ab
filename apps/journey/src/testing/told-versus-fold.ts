import { type JourneyTransitionV2, type ResolvedEvent, Topics } from '@touchpoint/contracts';
import { readTopicToEnd } from '@touchpoint/kafka';
import {
  canonicalJson,
  deriveJourney,
  diffViews,
  foldJourney,
  type JourneyDefinitions,
  type JourneyState,
  type JourneyView,
  journeyVersions,
} from '@touchpoint/journey-model';
import type { Kafka } from 'kafkajs';
import { entryOfResolvedEvent } from '../apply-journey-entries/entry-of-resolved-event';

/** What the topics hold, by profile, each profile's messages in the order of its partition. */
export interface TopicHistory {
  readonly events: ReadonlyMap<string, readonly ResolvedEvent[]>;
  /** Every copy, duplicates included. */
  readonly transitions: ReadonlyMap<string, readonly JourneyTransitionV2[]>;
}

function byProfile<T extends { readonly profileId: string }>(values: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const value of values) grouped.set(value.profileId, [...(grouped.get(value.profileId) ?? []), value]);
  return grouped;
}

/** Reads both topics back from their start: the spec's account of what went in and what journey said. */
export async function readTopicHistory(kafka: Kafka): Promise<TopicHistory> {
  const [events, transitions] = await Promise.all([
    readTopicToEnd(kafka, Topics.eventsResolved.name),
    readTopicToEnd(kafka, Topics.journeyTransitions.name),
  ]);
  // Keyed by profile id, so one profile's messages share a partition and keep their order in it.
  const parse = <T>(record: { message: { value: Buffer | null } }): T => JSON.parse(record.message.value?.toString() ?? 'null') as T;
  return {
    events: byProfile(events.map((record) => Topics.eventsResolved.schema.parse(parse(record)))),
    transitions: byProfile(transitions.map((record) => parse<JourneyTransitionV2>(record))),
  };
}

/** THE expected state: the model's fold of the events as journey reads them off the topic. */
export function foldOfEvents(profileId: string, events: readonly ResolvedEvent[], definitions: JourneyDefinitions): JourneyState {
  return foldJourney(
    profileId,
    events.map((event) => entryOfResolvedEvent(event).entry),
    definitions,
  );
}

/** Transition ids said more than once with different content (a redelivery must repeat the same words). */
export function conflictingTransitionIds(transitions: readonly JourneyTransitionV2[]): string[] {
  const contents = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const transition of transitions) {
    const content = canonicalJson(transition);
    const held = contents.get(transition.transitionId);
    if (held !== undefined && held !== content) conflicting.add(transition.transitionId);
    contents.set(transition.transitionId, held ?? content);
  }
  return [...conflicting];
}

/** What a de-duplicating consumer keeps: the first copy of each id, in topic order. */
export function firstCopies(transitions: readonly JourneyTransitionV2[]): JourneyTransitionV2[] {
  const first = new Map<string, JourneyTransitionV2>();
  for (const transition of transitions) if (!first.has(transition.transitionId)) first.set(transition.transitionId, transition);
  return [...first.values()];
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const iso = (at: number | null): string => new Date(at ?? 0).toISOString();
const brief = (value: unknown): string => JSON.stringify(value).slice(0, 1_500);

/**
 * Whether a consumer reading the profile's transitions (first copies, in topic order) is told
 * only states the fold actually passes through, in order, and ends up believing the fold of
 * every event. Journey applies a partition's messages in offset order in batches of any size,
 * so after each commit the state is the fold of some prefix of the profile's events; each
 * transition must therefore go from the view last told to the view of a later prefix, with
 * exactly the products that differ between them. Batch boundaries (restarts, rebalances,
 * batch sizes) change which prefixes are told, never what is told about them.
 * Returns null when it holds, else what went wrong.
 */
export function toldVersusFold(profileId: string, events: readonly ResolvedEvent[], transitions: readonly JourneyTransitionV2[], definitions: JourneyDefinitions): string | null {
  const entries = events.map((event) => entryOfResolvedEvent(event).entry);
  const prefixes = entries.map((_, i) => {
    const state = foldJourney(profileId, entries.slice(0, i + 1), definitions);
    return { view: deriveJourney(state, definitions), occurredAt: iso(state.clock) };
  });
  const versions = journeyVersions(definitions);
  let told: JourneyView | null = null;
  let from = 0;
  for (const [index, transition] of transitions.entries()) {
    const where = `transition ${index} of ${profileId} (${transition.transitionId}, cause ${transition.cause.kind} ${transition.cause.id})`;
    if (transition.kind !== 'changed' || transition.mergedProfileIds.length > 0 || transition.survivorProfileId !== null) return `${where} is not a plain change: ${brief(transition)}`;
    if (!same(transition.versions, versions)) return `${where} names versions ${brief(transition.versions)}, not ${brief(versions)}`;
    if (!same(transition.before, told?.summary ?? null)) return `${where} starts from ${brief(transition.before)}, but the last summary told was ${brief(told?.summary ?? null)}`;
    let reached = -1;
    for (let k = from; k < prefixes.length && reached < 0; k++) {
      const { view, occurredAt } = prefixes[k];
      const change = diffViews(told, view);
      if (change && same(transition.after, view.summary) && same(transition.products, change.products) && transition.occurredAt === occurredAt) reached = k;
    }
    if (reached < 0) return `${where} says something the fold never reaches after what was told before it: ${brief(transition)}`;
    told = prefixes[reached].view;
    from = reached + 1;
  }
  const final = prefixes.at(-1)?.view ?? null;
  if (!same(told, final)) return `consumers of ${profileId} end up believing ${brief(told)}, the fold of every event says ${brief(final)}`;
  return null;
}
