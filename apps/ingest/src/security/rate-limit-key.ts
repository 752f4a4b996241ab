import { createHash } from 'node:crypto';
import { presentedWriteKey } from '../auth/write-key';
import type { WriteKeys } from '../auth/write-keys';

/** Whom a request's budget is counted against. */
export interface RateLimitBucket {
  readonly kind: 'write-key' | 'client';
  /** A name for the bucket that holds no secret: a digest of the key, never the key itself. */
  readonly id: string;
}

/**
 * Known write keys have a budget each (two keys of one source during a rotation count apart);
 * a request with no key or an unknown one is counted against its client address.
 */
export function rateLimitBucket(writeKeys: WriteKeys, authorization: string | undefined, body: unknown, clientAddress: string): RateLimitBucket {
  const key = presentedWriteKey(authorization, body);
  const source = key === undefined ? undefined : writeKeys.sourceOf(key);
  if (key === undefined || source === undefined) return { kind: 'client', id: `client:${clientAddress}` };
  return { kind: 'write-key', id: `key:${source}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}` };
}
