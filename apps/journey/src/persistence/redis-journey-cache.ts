import { Injectable, Logger } from '@nestjs/common';
import { RedisClient } from '@touchpoint/redis';
import type { JourneyDocument } from '../journey-record/journey-document';
import { JourneyCache } from '../journey-record/journey-record';

/** Versioned key: a new document shape gets new keys instead of misreading old ones. */
const keyOf = (profileId: string): string => `journey:v2:doc:${profileId}`;

/** How long an unread document stays: the cache only speeds up reads, Postgres holds the record. */
const TTL_SECONDS = 24 * 3600;

/** Sets KEYS[1] to ARGV[2] unless it holds a document with a revision above ARGV[1]. */
const PUT_IF_NEWER = `
local held = redis.call('GET', KEYS[1])
if held then
  local revision = tonumber(string.match(held, '^{"revision":(%d+)'))
  if revision and revision > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

/**
 * The read cache of journey documents. Failures are misses: a Redis that is down or flushed
 * slows reads and changes nothing else.
 */
@Injectable()
export class RedisJourneyCache extends JourneyCache {
  private readonly logger = new Logger(RedisJourneyCache.name);

  constructor(private readonly client: RedisClient) {
    super();
  }

  async get(profileId: string): Promise<JourneyDocument | null> {
    try {
      const held = await this.client.redis.get(keyOf(profileId));
      return held ? (JSON.parse(held) as JourneyDocument) : null;
    } catch (error) {
      this.logger.warn(`journey cache read failed, reading Postgres: ${String(error)}`);
      return null;
    }
  }

  async put(documents: readonly JourneyDocument[]): Promise<void> {
    if (documents.length === 0) return;
    try {
      const pipeline = this.client.redis.pipeline();
      // The revision leads the JSON so the script can read it without decoding the document.
      for (const { revision, ...rest } of documents) {
        pipeline.eval(PUT_IF_NEWER, 1, keyOf(rest.profileId), revision, JSON.stringify({ revision, ...rest }), TTL_SECONDS);
      }
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`journey cache write failed (reads go to Postgres): ${String(error)}`);
    }
  }

  async delete(profileIds: readonly string[]): Promise<void> {
    if (profileIds.length === 0) return;
    try {
      await this.client.redis.del(...profileIds.map(keyOf));
    } catch (error) {
      this.logger.warn(`journey cache delete failed: ${String(error)}`);
    }
  }
}
