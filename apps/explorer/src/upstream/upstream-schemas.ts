import { z } from 'zod';

/**
 * The parts of the services' answers the page uses. Objects are not strict: a service adding a
 * field must not blank the page, while a field the page reads that changes shape is refused.
 */

const identifier = z.object({ type: z.string(), value: z.string() });

export const identifiersAnswer = z.object({ profileId: z.string(), identifiers: z.array(identifier) });

export const historyAnswer = z.object({
  profileId: z.string(),
  status: z.string(),
  mergedInto: z.string().nullable(),
  merges: z.array(
    z.object({
      mergeId: z.string(),
      survivorProfileId: z.string(),
      mergedProfileId: z.string(),
      reason: z.string(),
      linkedBy: identifier,
      mergedAt: z.string(),
      causedByMessageId: z.string(),
      /** Set once the merge was undone. */
      unmergeId: z.string().nullish(),
    }),
  ),
  unmerges: z
    .array(z.object({ unmergeId: z.string(), mergeId: z.string(), restoredProfileId: z.string(), requestedBy: z.string(), unmergedAt: z.string() }))
    .default([]),
  refusals: z.array(
    z.object({
      refusalId: z.string(),
      profileId: z.string(),
      refusedProfileId: z.string().nullable(),
      reason: z.string(),
      causedByMessageId: z.string(),
      refusedAt: z.string(),
    }),
  ),
});

const productStatus = z.object({
  viewed: z.boolean(),
  unitsInCart: z.number(),
  cartAbandoned: z.boolean(),
  unitsBought: z.number(),
  unitsReturned: z.number(),
  unitsOwned: z.number(),
  lastPurchaseChannel: z.enum(['online', 'store']).nullable(),
  lastPurchaseStoreId: z.string().nullable(),
});

export const journeyAnswer = z.object({
  profileId: z.string(),
  asOf: z.string().nullable(),
  summary: z.object({
    stage: z.string(),
    stageRule: z.string(),
    step: z.string().nullable(),
    tier: z.string(),
    tierRule: z.string(),
    trailingSpend: z.number(),
    currency: z.string(),
    audiences: z.array(z.string()),
  }),
  products: z.record(z.string(), productStatus),
});

export const timelineAnswer = z.object({
  profileId: z.string(),
  items: z.array(
    z.discriminatedUnion('type', [
      z.object({
        type: z.literal('touchpoint'),
        at: z.string(),
        messageId: z.string(),
        channel: z.string(),
        event: z.string(),
        storeId: z.string().nullable(),
        page: z.string().nullable(),
      }),
      z.object({
        type: z.literal('transition'),
        at: z.string(),
        transitionId: z.string(),
        kind: z.string(),
        cause: z.object({ kind: z.string(), id: z.string() }),
        stage: z.string().nullable(),
        step: z.string().nullable(),
        tier: z.string().nullable(),
        productsChanged: z.array(z.string()),
      }),
    ]),
  ),
  next: z.string().nullable(),
});

const recommendedItem = z.object({ productId: z.string(), rank: z.number(), reason: z.string(), becauseOf: z.string().nullable() });

export const recommendationsAnswer = z.object({
  profileId: z.string(),
  retargeting: z.array(z.string()),
  recommendations: z.array(recommendedItem),
});

/** recommendation's decisions API (`GET /v1/profiles/:id/decisions`), newest decisions first or last as it sends them. */
export const decisionsAnswer = z.object({
  profileId: z.string(),
  retargeting: z.array(z.string()),
  audiences: z.array(z.string()),
  decisions: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      productId: z.string().nullish(),
      audienceId: z.string().nullish(),
      reason: z.string().nullish(),
      survivorProfileId: z.string().nullish(),
      occurredAt: z.string(),
      /** null: decided, not yet told to the platforms. */
      toldAt: z.string().nullish(),
      /** null for an erasure, which journey does not announce. */
      transitionId: z.string().nullish(),
      cause: z.object({ kind: z.string(), id: z.string() }),
    }),
  ),
});

export const lookupAnswer = z.object({ profileId: z.string() });

/** Whatever unmerge answers: the page shows it as it came. */
export const unmergeAnswer = z.record(z.string(), z.unknown());
