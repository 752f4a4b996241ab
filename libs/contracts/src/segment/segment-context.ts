import { z } from 'zod';

/** Where an event happened. "store" marks point-of-sale events. */
export const channels = ['web', 'app', 'store', 'server'] as const;
export type Channel = (typeof channels)[number];

const identifierValue = z.string().trim().min(1).max(256);

/** A keyed hash (HMAC-SHA256 hex, libs/personal-data) of a normalized email or E.164 phone. */
const keyedHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a keyed hash: 64 lower-case hex digits');

/**
 * Segment's `context` object. Unknown keys (library, page, userAgent, ip, ...) pass through
 * untouched; the keys Touchpoint reads are typed. Store events carry the store and the
 * customer's loyalty card or POS customer id here. Email and phone never travel in clear:
 * ingest puts their keyed hashes here (from identify traits and till receipts), and identity
 * links on them.
 */
export const segmentContextSchema = z.looseObject({
  channel: z.enum(channels).optional(),
  storeId: identifierValue.optional(),
  loyaltyId: identifierValue.optional(),
  posCustomerId: identifierValue.optional(),
  emailHash: keyedHash.optional(),
  phoneHash: keyedHash.optional(),
});

export type SegmentContext = z.infer<typeof segmentContextSchema>;
