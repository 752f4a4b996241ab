import type { ProfilesMerged, RecommendationMessage, ResolvedEvent } from '@touchpoint/contracts';
import { canonicalJson, eventEntry, foldJourney, type JourneyDefinitions, type JourneyEntry, type JourneyState, type JourneyView } from '@touchpoint/journey-model';
import type { SentMessage } from './load';

/** What the topics and the state of record hold once the system has quiesced. */
export interface Observation {
  /** messageId -> copies on tp.events.raw.v1. */
  readonly rawCopies: ReadonlyMap<string, number>;
  readonly resolved: readonly ResolvedEvent[];
  readonly merges: readonly ProfilesMerged[];
  /** journey_entries, every row. */
  readonly entries: readonly { readonly profileId: string; readonly messageId: string; readonly entry: JourneyEntry }[];
  /** journey_profiles, every row. */
  readonly profiles: readonly { readonly profileId: string; readonly retiredInto: string | null; readonly state: JourneyState | null; readonly view: JourneyView | null }[];
  /** tp.recommendations.v2 in topic order (one profile's messages share a partition, so their order holds). */
  readonly recommendations: readonly RecommendationMessage[];
}

export interface PhaseResult {
  readonly phase: string;
  sent: number;
  accepted: number;
  lost: number;
  duplicated: number;
  wrong: number;
}

export interface Assessment {
  readonly phases: PhaseResult[];
  /** One line per problem found, naming the message or profile. */
  readonly problems: string[];
}

const UNATTRIBUTED = 'unattributed';

/** Follows merges to the final survivor (chains resolve in any arrival order). */
export function survivorOf(merges: readonly ProfilesMerged[]): (profileId: string) => string {
  const into = new Map<string, string>();
  for (const merge of merges) for (const merged of merge.mergedProfileIds) if (merged !== merge.survivorProfileId) into.set(merged, merge.survivorProfileId);
  return (profileId) => {
    let current = profileId;
    for (let hops = 0; into.has(current) && hops < 10_000; hops++) current = into.get(current) as string;
    return current;
  };
}

/** Retargeting is due while units sit in the cart and the customer owns none and returned none. */
const retargetingDue = (view: JourneyView | null, productId: string): boolean => {
  const status = view?.products[productId];
  return status !== undefined && status.unitsInCart > 0 && status.unitsOwned === 0 && status.unitsReturned === 0;
};

/**
 * Compares what the load had accepted with what the topics and the state of record hold, and
 * attributes every problem to the fault phase its message was first sent in.
 */
export function assess(sent: readonly SentMessage[], phaseNames: readonly string[], observed: Observation, definitions: JourneyDefinitions): Assessment {
  const phases = new Map<string, PhaseResult>([...phaseNames, UNATTRIBUTED].map((phase) => [phase, { phase, sent: 0, accepted: 0, lost: 0, duplicated: 0, wrong: 0 }]));
  const problems: string[] = [];
  const byId = new Map(sent.map((message) => [message.messageId, message]));
  const phaseOf = new Map(sent.map((message) => [message.messageId, message.phase]));
  const row = (phase: string | undefined): PhaseResult => phases.get(phase ?? UNATTRIBUTED) ?? (phases.get(UNATTRIBUTED) as PhaseResult);
  const final = survivorOf(observed.merges);

  // Where each accepted message was resolved to, and where its journey row lives.
  const resolvedTo = new Map<string, Set<string>>();
  const eventsOf = new Map<string, ResolvedEvent[]>();
  for (const resolved of observed.resolved) {
    const profile = final(resolved.profileId);
    resolvedTo.set(resolved.event.messageId, (resolvedTo.get(resolved.event.messageId) ?? new Set()).add(profile));
    eventsOf.set(profile, [...(eventsOf.get(profile) ?? []), resolved]);
  }
  const rowsOf = new Map<string, string[]>();
  for (const entry of observed.entries) rowsOf.set(entry.messageId, [...(rowsOf.get(entry.messageId) ?? []), entry.profileId]);

  for (const message of sent) {
    const result = row(message.phase);
    result.sent++;
    if (message.acceptedAt === null) continue;
    result.accepted++;
    const id = message.messageId;
    const finals = resolvedTo.get(id);
    const rows = rowsOf.get(id) ?? [];
    if (!observed.rawCopies.has(id)) {
      result.lost++;
      problems.push(`lost: ${id} (${message.phase}) was accepted but is not on tp.events.raw.v1`);
    } else if (!finals || rows.length === 0) {
      result.lost++;
      problems.push(`lost: ${id} (${message.phase}) is on the raw topic but ${finals ? 'not in journey_entries' : 'was never resolved'}`);
    } else if (rows.length > 1) {
      result.duplicated++;
      problems.push(`duplicated: ${id} (${message.phase}) is applied ${rows.length} times, under ${rows.join(', ')}`);
    } else if (finals.size > 1 || !finals.has(rows[0] as string)) {
      result.lost++;
      problems.push(`lost: ${id} (${message.phase}) is applied under ${rows[0]}, not under its final profile ${[...finals].join(', ')}`);
    }
  }

  // The phase a profile's problems are charged to: that of the last message the load sent for it.
  const lastPhaseOf = (profileId: string): string => {
    let latest: SentMessage | undefined;
    for (const resolved of eventsOf.get(profileId) ?? []) {
      const message = byId.get(resolved.event.messageId);
      if (message && (!latest || message.firstSentAt > latest.firstSentAt)) latest = message;
    }
    return latest?.phase ?? UNATTRIBUTED;
  };

  // The state of record against the fold of the profile's events from the topic (timer ticks,
  // which are journey's own and on no topic, are taken from its log).
  const ticksOf = new Map<string, JourneyEntry[]>();
  for (const { profileId, entry } of observed.entries) if (entry.kind === 'tick') ticksOf.set(profileId, [...(ticksOf.get(profileId) ?? []), entry]);
  const live = observed.profiles.filter((profile) => profile.retiredInto === null && profile.state !== null);
  const liveIds = new Set(live.map((profile) => profile.profileId));
  for (const profile of live) {
    const entries = [
      ...(eventsOf.get(profile.profileId) ?? []).map((resolved) => eventEntry(resolved.event, { profileId: resolved.profileId, identifier: null })),
      ...(ticksOf.get(profile.profileId) ?? []),
    ];
    if (canonicalJson(profile.state) !== canonicalJson(foldJourney(profile.profileId, entries, definitions))) {
      row(lastPhaseOf(profile.profileId)).wrong++;
      problems.push(`wrong: journey state of ${profile.profileId} differs from the fold of its ${entries.length} events`);
    }
  }
  for (const profileId of eventsOf.keys()) {
    if (!liveIds.has(profileId)) {
      row(lastPhaseOf(profileId)).wrong++;
      problems.push(`wrong: profile ${profileId} has events on the topic but no live journey state`);
    }
  }

  // What platforms were told about retargeting, per profile and product, first copy of each id.
  const seenIds = new Map<string, string>();
  const told = new Map<string, RecommendationMessage[]>();
  const causePhase = (message: RecommendationMessage): string => {
    if (message.cause.kind === 'event') return phaseOf.get(message.cause.id) ?? UNATTRIBUTED;
    if (message.cause.kind === 'merge') {
      const merge = observed.merges.find((m) => m.mergeId === message.cause.id);
      return (merge && phaseOf.get(merge.causedByMessageId)) ?? lastPhaseOf(final(message.profileId));
    }
    return lastPhaseOf(final(message.profileId));
  };
  for (const message of observed.recommendations) {
    const content = canonicalJson(message);
    const held = seenIds.get(message.id);
    if (held !== undefined) {
      if (held !== content) {
        row(causePhase(message)).wrong++;
        problems.push(`wrong: recommendation id ${message.id} was told with two contents`);
      }
      continue;
    }
    seenIds.set(message.id, content);
    if (message.type !== 'retargeting.started' && message.type !== 'retargeting.stopped') continue;
    const key = `${message.profileId} ${message.productId}`;
    told.set(key, [...(told.get(key) ?? []), message]);
  }
  const retired = new Set(observed.profiles.filter((profile) => profile.retiredInto !== null).map((profile) => profile.profileId));
  const viewOf = new Map(live.map((profile) => [profile.profileId, profile.view]));
  for (const [key, messages] of told) {
    for (let i = 1; i < messages.length; i++) {
      const [before, now] = [messages[i - 1] as RecommendationMessage, messages[i] as RecommendationMessage];
      if (before.type === now.type) {
        row(causePhase(now)).duplicated++;
        problems.push(`duplicated: ${now.type} told twice in a row for ${key} (ids ${before.id}, ${now.id})`);
      }
    }
    const last = messages.at(-1) as RecommendationMessage;
    if (last.type !== 'retargeting.started') continue;
    const [profileId, productId] = key.split(' ') as [string, string];
    if (retired.has(profileId) || final(profileId) !== profileId) {
      row(causePhase(last)).wrong++;
      problems.push(`wrong: retargeting of ${productId} still running on merged-away profile ${profileId}`);
    } else if (!retargetingDue(viewOf.get(profileId) ?? null, productId)) {
      row(causePhase(last)).wrong++;
      problems.push(`wrong: retargeting of ${productId} still running on ${profileId}, whose journey says it is bought, returned or out of the cart`);
    }
  }
  return { phases: [...phases.values()].filter((phase) => phase.phase !== UNATTRIBUTED || phase.sent + phase.lost + phase.duplicated + phase.wrong > 0), problems };
}
