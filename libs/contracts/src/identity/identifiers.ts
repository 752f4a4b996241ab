import { z } from 'zod';

/** Kinds of identifier that can point at a customer profile. */
export const identifierTypes = ['anonymousId', 'userId', 'email', 'phone', 'loyaltyId', 'posCustomerId', 'deviceId'] as const;
export type IdentifierType = (typeof identifierTypes)[number];

/**
 * email and phone travel and rest only as keyed hashes (HMAC-SHA256 hex of the normalized
 * form, libs/personal-data); loyaltyId and posCustomerId carry their chain, `<chainId>:<card>`,
 * since two chains may issue the same number.
 */
export const identifierSchema = z.object({
  type: z.enum(identifierTypes),
  value: z.string().min(1).max(256),
});
export type Identifier = z.infer<typeof identifierSchema>;
