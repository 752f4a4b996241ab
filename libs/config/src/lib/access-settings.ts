import { z } from 'zod';

/** Bearer tokens HTTP endpoints accept: several per role, so a new one can go live before the old one is retired. */
export interface AccessSettings {
  /** Read endpoints (profile lookup, identifiers, merges); admin tokens read too. Empty: read endpoints are off. */
  readonly readTokens: readonly string[];
  /** Deletion and other changes. Empty: admin endpoints are off. */
  readonly adminTokens: readonly string[];
}

const tokenList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9._~+/=-]{16,512}$/, 'each token needs at least 16 characters (letters, digits, . _ ~ + / = -)')));

export const accessSettingsSchema = z.object({
  ACCESS_READ_TOKENS: tokenList.default([]),
  ACCESS_ADMIN_TOKENS: tokenList.default([]),
  /** The identity service's admin token from before ACCESS_ADMIN_TOKENS; still honoured as one more admin token. */
  IDENTITY_ADMIN_TOKEN: z.string().trim().min(16, 'use at least 16 characters').optional(),
});

export function accessSettingsOf(values: z.output<typeof accessSettingsSchema>): AccessSettings {
  const admin = [...values.ACCESS_ADMIN_TOKENS, ...(values.IDENTITY_ADMIN_TOKEN ? [values.IDENTITY_ADMIN_TOKEN] : [])];
  return { readTokens: [...new Set(values.ACCESS_READ_TOKENS)], adminTokens: [...new Set(admin)] };
}
