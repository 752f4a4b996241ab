import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Identifier } from '@touchpoint/contracts';
import { RedisClient } from '@touchpoint/redis';
import { CacheRequests, Metrics } from '@touchpoint/service-runtime';
import { type CachedAssignment, IdentifierCache } from '../domain/identifier-cache';

/**
 * Bounds how long an entry can outlive a merge it raced with: a resolver that writes its
 * assignment just after another instance invalidated the same key leaves a stale entry.
 */
const TTL_SECONDS = 3_600;

const keyOf = (identifier: Identifier): string => `identifier:${identifier.type}:${identifier.value}`;

@Injectable()
export class RedisIdentifierCacheRepository extends IdentifierCache {
  private readonly logger = new Logger(RedisIdentifierCacheRepository.name);
  private readonly requests: CacheRequests;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(
    private readonly client: RedisClient,
    @Optional() @Inject(Metrics) metrics?: Metrics,
  ) {
    super();
    this.requests = new CacheRequests(metrics, 'identity_identifiers');
  }

  async get(identifier: Identifier): Promise<string | null> {
    try {
      const profileId = await this.client.redis.get(keyOf(identifier));
      this.requests.record(profileId === null ? 'miss' : 'hit');
      return profileId;
    } catch (error) {
      this.requests.error();
      this.logger.warn(`identifier cache read failed, using Postgres: ${String(error)}`);
      return null;
    }
  }

  async update(assign: readonly CachedAssignment[], invalidate: readonly Identifier[]): Promise<void> {
    if (assign.length === 0 && invalidate.length === 0) return;
    const transaction = this.client.redis.multi();
    if (invalidate.length > 0) transaction.del(...invalidate.map(keyOf));
    for (const { identifier, profileId } of assign) transaction.set(keyOf(identifier), profileId, 'EX', TTL_SECONDS);
    try {
      const results = await transaction.exec();
      const failed = results?.find(([error]) => error !== null);
      if (failed) throw failed[0];
    } catch (error) {
      // Entries we could not drop may now be stale; the TTL bounds that, Postgres stays right.
      this.logger.warn(`identifier cache update failed: ${String(error)}`);
    }
  }
}
