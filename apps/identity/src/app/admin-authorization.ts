import { createHash, timingSafeEqual } from 'node:crypto';
import { TouchpointError } from '@touchpoint/contracts';

/** Injection token of the configured admin token (string, or null when admin endpoints are off). */
export const ADMIN_TOKEN = Symbol('AdminToken');

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Admin endpoints need `Authorization: Bearer <token>`. Without a configured token they are
 * switched off rather than open. Digests are compared so the comparison time says nothing
 * about the token, not even its length.
 */
export function assertAdmin(configuredToken: string | null, authorization: unknown): void {
  if (configuredToken === null) {
    throw new TouchpointError('TP_ADMIN_DISABLED', 'admin endpoints are disabled: no IDENTITY_ADMIN_TOKEN is configured');
  }
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match || !timingSafeEqual(digest(match[1]), digest(configuredToken))) {
    throw new TouchpointError('TP_ADMIN_UNAUTHORIZED', 'send Authorization: Bearer <admin token>');
  }
}
