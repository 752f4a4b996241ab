import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccessSettings } from '@touchpoint/config';
import { TouchpointError } from '@touchpoint/contracts';

/** What an endpoint needs: `read` takes a read or an admin token, `admin` only an admin token. */
export type AccessLevel = 'read' | 'admin';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(authorization: unknown): string | undefined {
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * The configured tokens and the one rule for checking them. Digests are compared, so the time
 * taken says nothing about a token's length or its first differing character, and every
 * configured token is compared, so it says nothing about which one matched either.
 */
export class AccessTokens {
  private readonly read: readonly Buffer[];
  private readonly admin: readonly Buffer[];

  constructor(settings: AccessSettings) {
    this.admin = settings.adminTokens.map(digest);
    this.read = [...settings.readTokens.map(digest), ...this.admin];
  }

  /** Throws the stable 401 (wrong or missing token) or 503 (no token configured: off, never open). */
  check(level: AccessLevel, authorization: unknown): void {
    const accepted = level === 'admin' ? this.admin : this.read;
    if (accepted.length === 0) {
      throw level === 'admin'
        ? new TouchpointError('TP_ADMIN_DISABLED', 'admin endpoints are disabled: no ACCESS_ADMIN_TOKENS (or IDENTITY_ADMIN_TOKEN) is configured')
        : new TouchpointError('TP_READ_DISABLED', 'read endpoints are disabled: no ACCESS_READ_TOKENS is configured');
    }
    const token = bearerToken(authorization);
    const presented = digest(token ?? '');
    let matched = false;
    for (const candidate of accepted) matched = timingSafeEqual(presented, candidate) || matched;
    if (token === undefined || !matched) {
      throw level === 'admin'
        ? new TouchpointError('TP_ADMIN_UNAUTHORIZED', 'send Authorization: Bearer <admin token>')
        : new TouchpointError('TP_READ_UNAUTHORIZED', 'send Authorization: Bearer <read token>');
    }
  }
}
