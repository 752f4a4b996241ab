import { z } from 'zod';

/** Kinds of identifier that can point at a customer profile. */
export const identifierTypes = ['anonymousId', 'userId', 'email', 'phone', 'loyaltyId', 'posCustomerId', 'deviceId'] as const;
export type IdentifierType = (typeof identifierTypes)[number];

/** email and phone travel and rest only as sha256 hex of their normalized form. */
export const identifierSchema = z.object({
  type: z.enum(identifierTypes),
  value: z.string().min(1).max(256),
});
export type Identifier = z.infer<typeof identifierSchema>;
