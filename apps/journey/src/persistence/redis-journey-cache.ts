import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { RedisClient } from '@touchpoint/redis';
import { CacheRequests, Metrics } from '@touchpoint/service-runtime';
import type { JourneyDocument } from '../journey-record/journey-document';
import { JourneyCache, type SavedRevision } from '../journey-record/journey-record';

/** Versioned key: a new document shape gets new keys instead of misreading old ones. */
const keyOf = (profileId: string): string => `journey:v2:doc:${profileId}`;

/**
 * How long a cached document lives. Short: a write whose marker never reached Redis (Redis
 * away at that moment) leaves the older document readable for at most this long.
 */
const TTL_SECONDS = 600;

/** A cache that does not answer quickly is skipped, not waited for: Postgres answers instead. */
const CACHE_TIMEOUT_MS = 500;

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`journey cache ${what} took over ${CACHE_TIMEOUT_MS} ms`)), CACHE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Sets KEYS[1] to ARGV[2] unless it holds a value with a revision above ARGV[1]. */
const PUT_IF_NEWER = `
local held = redis.call('GET', KEYS[1])
if held then
  local revision = tonumber(string.match(held, '^{"revision":(%d+)'))
  if revision and revision > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

/**
 * The read cache of journey documents. Every value leads with its revision; a bare revision
 * is a write's marker that reads treat as a miss. Failures are misses too: a Redis that is
 * down or flushed slows reads and changes nothing else.
 */
@Injectable()
export class RedisJourneyCache extends JourneyCache {
  private readonly logger = new Logger(RedisJourneyCache.name);
  /** Warn once per outage, not once per batch. */
  private failing = false;
  private readonly requests: CacheRequests;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(
    private readonly client: RedisClient,
    @Optional() @Inject(Metrics) metrics?: Metrics,
  ) {
    super();
    this.requests = new CacheRequests(metrics, 'journey_documents');
  }

  async get(profileId: string): Promise<JourneyDocument | null> {
    try {
      const held = await within(this.client.redis.get(keyOf(profileId)), 'read');
      const value = held ? (JSON.parse(held) as Partial<JourneyDocument>) : null;
      // A write's bare revision marker is a miss too: Postgres answers.
      const document = value?.profileId ? (value as JourneyDocument) : null;
      this.requests.record(document === null ? 'miss' : 'hit');
      return document;
    } catch (error) {
      this.requests.error();
      this.failed(error);
      return null;
    }
  }

  async put(documents: readonly JourneyDocument[]): Promise<void> {
    await this.write(documents.map(({ revision, ...rest }) => [rest.profileId, revision, JSON.stringify({ revision, ...rest })]));
  }

  async invalidate(revisions: readonly SavedRevision[]): Promise<void> {
    await this.write(revisions.map(({ profileId, revision }) => [profileId, revision, `{"revision":${revision}}`]));
  }

  /**
   * A retired or erased id never gets a journey back: its key holds a marker above every
   * revision, so a read that raced with the retirement cannot cache the old document.
   */
  async delete(profileIds: readonly string[]): Promise<void> {
    await this.invalidate(profileIds.map((profileId) => ({ profileId, revision: Number.MAX_SAFE_INTEGER })));
  }

  private async write(values: readonly (readonly [string, number, string])[]): Promise<void> {
    if (values.length === 0) return;
    try {
      const pipeline = this.client.redis.pipeline();
      for (const [profileId, revision, value] of values) pipeline.eval(PUT_IF_NEWER, 1, keyOf(profileId), revision, value, TTL_SECONDS);
      await within(pipeline.exec(), 'write');
      this.answered();
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (!this.failing) this.logger.warn(`journey cache unavailable, reads go to Postgres until it answers again: ${String(error)}`);
    this.failing = true;
  }

  private answered(): void {
    if (this.failing) this.logger.log('journey cache answers again');
    this.failing = false;
  }
}
