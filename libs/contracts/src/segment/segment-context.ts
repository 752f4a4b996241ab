import { z } from 'zod';

/** Where an event happened. "store" marks point-of-sale events. */
export const channels = ['web', 'app', 'store', 'server'] as const;
export type Channel = (typeof channels)[number];

const identifierValue = z.string().trim().min(1).max(256);

/**
 * Segment's `context` object. Unknown keys (library, page, userAgent, ip, ...) pass through
 * untouched; the keys Touchpoint reads are typed. Store events carry the store and the
 * customer's loyalty card or POS customer id here.
 */
export const segmentContextSchema = z.looseObject({
  channel: z.enum(channels).optional(),
  storeId: identifierValue.optional(),
  loyaltyId: identifierValue.optional(),
  posCustomerId: identifierValue.optional(),
});

export type SegmentContext = z.infer<typeof segmentContextSchema>;
