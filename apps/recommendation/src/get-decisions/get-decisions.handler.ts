import { Injectable } from '@nestjs/common';
import { type RecommendationMessage, TouchpointError } from '@touchpoint/contracts';
import { RecommendationRecord } from '../recommendation-record/recommendation-record';

export interface ToldDecision {
  readonly id: string;
  readonly type: RecommendationMessage['type'];
  readonly productId: string | null;
  readonly audienceId: string | null;
  readonly reason: string | null;
  readonly survivorProfileId: string | null;
  /** Journey time of the change decided on. */
  readonly occurredAt: string;
  readonly decidedAt: string;
  /** When it was published; null while it waits in the outbox. */
  readonly toldAt: string | null;
  readonly transitionId: string | null;
  /** What moved the journey: the event's messageId, the merge, the timer or the erasure. */
  readonly cause: RecommendationMessage['cause'];
}

export interface ProfileDecisionsResponse {
  readonly profileId: string;
  readonly requestedProfileId: string;
  readonly retargeting: readonly string[];
  readonly recommendations: readonly unknown[];
  readonly audiences: readonly string[];
  /** Newest first. */
  readonly decisions: readonly ToldDecision[];
}

export class GetDecisionsQuery {
  constructor(
    readonly profileId: string,
    readonly limit: number,
  ) {}
}

/** What platforms were told about a profile, when, why, and the transition and event behind each message. */
@Injectable()
export class GetDecisionsHandler {
  constructor(private readonly record: RecommendationRecord) {}

  async execute(query: GetDecisionsQuery): Promise<ProfileDecisionsResponse> {
    const stored = await this.record.read(query.profileId);
    if (stored === null) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    const history = await this.record.history(stored.profileId, query.limit);
    return {
      profileId: stored.profileId,
      requestedProfileId: query.profileId,
      retargeting: stored.state.told.retargeting,
      recommendations: stored.state.told.recommendations,
      audiences: stored.state.told.audiences,
      decisions: history.map(({ message, decidedAt, publishedAt }) => ({
        id: message.id,
        type: message.type,
        productId: 'productId' in message ? message.productId : null,
        audienceId: 'audienceId' in message ? message.audienceId : null,
        reason: message.type === 'retargeting.stopped' ? message.reason : null,
        survivorProfileId: message.type === 'retargeting.stopped' ? message.survivorProfileId : null,
        occurredAt: message.occurredAt,
        decidedAt,
        toldAt: publishedAt,
        transitionId: message.transitionId,
        cause: message.cause,
      })),
    };
  }
}
