import { createHash } from 'node:crypto';
import type { JourneySummary, JourneyTransitionV2, ProductStatus } from '@touchpoint/contracts';
import { summary as summaryOf } from './journey-view';

type TransitionContent = Omit<JourneyTransitionV2, 'transitionId'>;

/** As journey does: the id is a hash of the content, so the same transition built twice has the same id. */
const withContentId = (content: TransitionContent): JourneyTransitionV2 => ({
  transitionId: `jt-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`,
  ...content,
});

/** Revisions for transitions built without one: increasing in the order they are built, as journey's are per profile. */
let lastRevision = 0;
const nextRevision = (): number => ++lastRevision;

export interface ChangedOptions {
  readonly summary?: JourneySummary;
  readonly occurredAt?: string;
  readonly causeKind?: JourneyTransitionV2['cause']['kind'];
  readonly mergedProfileIds?: readonly string[];
  readonly revision?: number;
}

/** A `changed` transition caused by `causeId` with the given products' after status (null: dropped). */
export function changed(profileId: string, causeId: string, products: Readonly<Record<string, ProductStatus | null>>, options: ChangedOptions = {}): JourneyTransitionV2 {
  return withContentId({
    profileId,
    revision: options.revision ?? nextRevision(),
    kind: 'changed',
    cause: { kind: options.causeKind ?? 'event', id: causeId },
    occurredAt: options.occurredAt ?? '2025-03-01T10:00:00.000Z',
    survivorProfileId: null,
    mergedProfileIds: [...(options.mergedProfileIds ?? [])],
    versions: { reducer: 2, definitions: 'test' },
    before: null,
    after: options.summary ?? summaryOf(),
    products: Object.entries(products).map(([productId, after]) => ({ productId, before: null, after })),
  });
}

/** The transition journey publishes for `profileId` when merge `mergeId` folded it into `survivorProfileId`. */
export function retired(profileId: string, survivorProfileId: string, mergeId: string, options: { readonly occurredAt?: string; readonly revision?: number } = {}): JourneyTransitionV2 {
  return withContentId({
    profileId,
    revision: options.revision ?? nextRevision(),
    kind: 'retired',
    cause: { kind: 'merge', id: mergeId },
    occurredAt: options.occurredAt ?? '2025-03-01T10:00:00.000Z',
    survivorProfileId,
    mergedProfileIds: [],
    versions: { reducer: 2, definitions: 'test' },
    before: summaryOf(),
    after: null,
    products: [],
  });
}
