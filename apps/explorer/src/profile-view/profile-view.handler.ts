import { funnelStages, spendTiers, webshopSteps } from '@touchpoint/contracts';
import type { DecisionsView, HistoryView, JourneyView, Part, ProfileView, RecommendationsView, TimelineView } from '../explorer-api/explorer-api';
import type { SeenDecisions } from '../live/seen-decisions';
import type { UpstreamClient } from '../upstream/upstream-client';
import { decisionsAnswer, historyAnswer, identifiersAnswer, journeyAnswer, recommendationsAnswer, timelineAnswer } from '../upstream/upstream-schemas';

export interface ServiceUrls {
  readonly identity: string;
  readonly journey: string;
  readonly recommendation: string;
}

/** Most timeline items one page shows; journey serves at most this many per page. */
const TIMELINE_LIMIT = 500;

const mapPart = <T, U>(part: Part<T>, map: (value: T) => U): Part<U> => (part.ok ? { ok: true, value: map(part.value) } : part);

/**
 * Everything the page shows of one profile, asked of the services at once; each part stands
 * alone, so a service that is down, or an endpoint not deployed yet, blanks only its part.
 */
export class ProfileViewHandler {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly urls: ServiceUrls,
    private readonly seen: SeenDecisions,
  ) {}

  async execute(profileId: string, token: string | null): Promise<ProfileView> {
    const get = <S extends Parameters<UpstreamClient['call']>[1]>(url: string, schema: S) => this.upstream.call(url, schema, { token });
    const { identity, journey, recommendation } = this.urls;
    const [identifiers, history, state, timeline, recommendations, decisions] = await Promise.all([
      get(`${identity}/v1/profiles/${profileId}/identifiers`, identifiersAnswer),
      get(`${identity}/v1/profiles/${profileId}/merges`, historyAnswer),
      get(`${journey}/v1/profiles/${profileId}/journey`, journeyAnswer),
      get(`${journey}/v1/profiles/${profileId}/timeline?limit=${TIMELINE_LIMIT}`, timelineAnswer),
      get(`${recommendation}/v1/profiles/${profileId}/recommendations`, recommendationsAnswer),
      get(`${recommendation}/v1/profiles/${profileId}/decisions`, decisionsAnswer),
    ]);
    return {
      profileId,
      identifiers: mapPart(identifiers, (value) => value.identifiers),
      history: mapPart(history, (value): HistoryView => ({
        status: value.status,
        mergedInto: value.mergedInto,
        merges: value.merges.map((merge) => ({ ...merge, unmergeId: merge.unmergeId ?? null })),
        unmerges: value.unmerges,
        refusals: value.refusals,
      })),
      journey: mapPart(state, (value): JourneyView => ({
        asOf: value.asOf,
        summary: value.summary,
        products: Object.entries(value.products)
          .map(([productId, status]) => ({ productId, ...status }))
          .sort((a, b) => a.productId.localeCompare(b.productId)),
      })),
      timeline: mapPart(timeline, (value): TimelineView => ({ items: value.items, truncated: value.next !== null })),
      recommendations: mapPart(recommendations, (value): RecommendationsView => ({ retargeting: value.retargeting, recommendations: value.recommendations })),
      decisions: mapPart(decisions, (value): DecisionsView => ({
        audiences: value.audiences,
        decisions: value.decisions.map((decision) => ({
          id: decision.id,
          type: decision.type,
          productId: decision.productId ?? null,
          reason: decision.reason ?? null,
          occurredAt: decision.occurredAt,
          toldAt: decision.toldAt ?? null,
          transitionId: decision.transitionId ?? null,
          cause: decision.cause,
          items: [...(decision.audienceId ? [decision.audienceId] : []), ...(decision.survivorProfileId ? [`survivor ${decision.survivorProfileId}`] : [])],
        })),
      })),
      seenDecisions: this.seen.of(profileId),
      scales: { stage: funnelStages, step: webshopSteps, tier: spendTiers },
    };
  }
}
