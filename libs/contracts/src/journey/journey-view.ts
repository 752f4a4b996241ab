import { z } from 'zod';
import { isoTimestamp } from '../segment/timestamps';
import { funnelStageSchema } from './funnel';

/** The webshop steps of one visit, in order of depth. */
export const webshopSteps = ['arrive', 'look', 'evaluate', 'choose', 'buy'] as const;
export type WebshopStep = (typeof webshopSteps)[number];
export const webshopStepSchema = z.enum(webshopSteps);

/** The spend pyramid by trailing-twelve-month net spend, from the bottom up. */
export const spendTiers = ['prospect', 'small', 'medium', 'large', 'top'] as const;
export type SpendTier = (typeof spendTiers)[number];
export const spendTierSchema = z.enum(spendTiers);

/** What a customer can consent to; journey reads Segment `context.consent` and consent events into these. */
export const consentPurposes = ['advertising', 'personalization'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentStateSchema = z.object({
  /** null: the customer never said. */
  granted: z.boolean().nullable(),
  /** Event time of the statement that decided it. */
  at: isoTimestamp.nullable(),
});
export type ConsentState = z.infer<typeof consentStateSchema>;

/**
 * What journey derived for one product of one profile: everything a consumer decides on, so
 * no consumer reads journey's storage.
 */
export const productStatusSchema = z.object({
  viewed: z.boolean(),
  /** Units in the cart now (added minus removed since the last purchase of the product). */
  unitsInCart: z.number().int().nonnegative(),
  /** Still in the cart after the configured idle time with no purchase of it in any channel. */
  cartAbandoned: z.boolean(),
  unitsBought: z.number().int().nonnegative(),
  unitsReturned: z.number().int().nonnegative(),
  /** Bought minus returned: a partial return keeps the product owned while units remain. */
  unitsOwned: z.number().int().nonnegative(),
  lastPurchaseChannel: z.enum(['online', 'store']).nullable(),
  /** The store of the last purchase when it was a store sale. */
  lastPurchaseStoreId: z.string().nullable(),
  lastPurchaseAt: isoTimestamp.nullable(),
  lastReturnAt: isoTimestamp.nullable(),
});
export type ProductStatus = z.infer<typeof productStatusSchema>;

/** The profile-wide part of a journey: where the customer stands, and the rule that put them there. */
export const journeySummarySchema = z.object({
  stage: funnelStageSchema,
  /** The rule that decided the stage, e.g. "loyalty: 2 orders within 365 days". */
  stageRule: z.string(),
  /** The webshop step of the latest visit; null before any web or app visit. */
  step: webshopStepSchema.nullable(),
  tier: spendTierSchema,
  tierRule: z.string(),
  /** Trailing-twelve-month net spend in `currency`, rounded to cents. */
  trailingSpend: z.number(),
  currency: z.string().length(3),
  consent: z.object({ advertising: consentStateSchema, personalization: consentStateSchema }),
  /** Audience ids the profile belongs to, sorted: "stage:loyalty", "tier:top", "cart_abandoner", "lapsed_customer". */
  audiences: z.array(z.string()),
});
export type JourneySummary = z.infer<typeof journeySummarySchema>;
