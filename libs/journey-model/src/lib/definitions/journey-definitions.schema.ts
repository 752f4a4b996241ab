import { z } from 'zod';

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. EUR');
const positiveInt = z.number().int().positive();
const eventNames = z.array(z.string().trim().min(1).max(200));
const consentCategories = z.array(z.string().trim().min(1).max(100)).min(1);

/** Stages advocacy can require: any but advocacy itself. */
export const advocacyPrerequisites = ['awareness', 'consideration', 'action', 'loyalty'] as const;

/**
 * Version 1 of config/journey-definitions.v1.json: every number and name the journey rules
 * use. Objects are strict, so a misspelt key is an error rather than a silently ignored rule.
 */
export const journeyDefinitionsSchema = z
  .strictObject({
    /** Recorded in every state and transition, e.g. "2026-12-01.1". */
    version: z.string().trim().min(1).max(64),
    currency: z.strictObject({
      base: currencyCode,
      /** Units of the base currency per unit of each other currency. */
      rates: z.record(currencyCode, z.number().positive()),
    }),
    visits: z.strictObject({ idleMinutes: positiveInt, keep: positiveInt }),
    cart: z.strictObject({ abandonAfterMinutes: positiveInt }),
    loyalty: z.strictObject({ minOrders: z.number().int().min(2), withinDays: positiveInt }),
    advocacy: z.strictObject({
      reviewEvents: eventNames,
      minRating: z.number(),
      referralEvents: eventNames,
      shareEvents: eventNames,
      requiresStage: z.enum(advocacyPrerequisites),
    }),
    tiers: z.strictObject({
      windowDays: positiveInt,
      small: z.number().nonnegative(),
      medium: z.number(),
      large: z.number(),
      top: z.number(),
    }),
    lapsed: z.strictObject({ afterDays: positiveInt }),
    touchpoints: z.strictObject({ keep: positiveInt }),
    consent: z.strictObject({
      events: eventNames,
      purposes: z.strictObject({ advertising: consentCategories, personalization: consentCategories }),
    }),
  })
  .superRefine((defs, context) => {
    const ladder = ['small', 'medium', 'large', 'top'] as const;
    for (let i = 1; i < ladder.length; i++) {
      const [lower, higher] = [ladder[i - 1], ladder[i]];
      if (!(defs.tiers[higher] > defs.tiers[lower])) {
        context.addIssue({ code: 'custom', path: ['tiers', higher], message: `must be greater than tiers.${lower}` });
      }
    }
    const baseRate = defs.currency.rates[defs.currency.base];
    if (baseRate !== undefined && baseRate !== 1) {
      context.addIssue({ code: 'custom', path: ['currency', 'rates', defs.currency.base], message: 'is the base currency: its rate is 1 by definition' });
    }
  });

export type JourneyDefinitions = z.infer<typeof journeyDefinitionsSchema>;
