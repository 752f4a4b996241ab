import { Inject, Injectable, Optional } from '@nestjs/common';
import { RedisClient } from '@touchpoint/redis';
import { CacheRequests, Metrics } from '@touchpoint/service-runtime';
import { DedupeWindow, IntakeLedger, type IntakeStatus } from './intake-ledger';

/**
 * How long a claim outlives a request that died while publishing (crash, lost connection):
 * well past the 5 s acknowledgement deadline, short enough that a retry soon gets through.
 */
export const IN_FLIGHT_SECONDS = 30;

const IN_FLIGHT = 'in-flight';
const SEEN = 'seen';

const keyOf = (messageId: string): string => `ingest:msg:${messageId}`;

/**
 * Claims every id of a request in one round trip and one command: `SET NX EX` per key, and for
 * a key already taken its value, so the answer is `claimed`, `seen` or `in-flight` per key. A
 * key released between the SET and the GET reads as in flight, as it did with two commands:
 * the client retries and claims it then. All keys of a request in one script keep it atomic on
 * one Redis; on a Redis Cluster the keys would need one hash slot.
 */
const CLAIM = `
local statuses = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'EX', ARGV[2], 'NX') then
    statuses[i] = 'claimed'
  elseif redis.call('GET', key) == ARGV[3] then
    statuses[i] = 'seen'
  else
    statuses[i] = 'in-flight'
  end
end
return statuses`;

/** Marks every key of a request seen for the window, in one command. */
const CONFIRM = `
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'EX', ARGV[2])
end
return #KEYS`;

const STATUSES: ReadonlySet<string> = new Set<IntakeStatus>(['claimed', 'seen', 'in-flight']);

function asStatuses(reply: unknown, expected: number): IntakeStatus[] {
  if (!Array.isArray(reply) || reply.length !== expected || !reply.every((status) => typeof status === 'string' && STATUSES.has(status))) {
    throw new Error(`unexpected answer from the claim script: ${JSON.stringify(reply)?.slice(0, 200)}`);
  }
  return reply as IntakeStatus[];
}

/**
 * One key per messageId: `SET NX` with a short expiry claims it (only one of two concurrent
 * requests can), the value turns to "seen" with the dedupe window once published. A request's
 * ids are claimed and confirmed by one script each (EVAL, cached by Redis after the first), not
 * two commands per event.
 */
@Injectable()
export class RedisIntakeLedger extends IntakeLedger {
  /** A hit is a duplicate found (seen or in flight), a miss an id claimed for the first time. */
  private readonly requests: CacheRequests;

  // The token is named: an optional parameter's type reaches the metadata as Object.
  constructor(
    private readonly client: RedisClient,
    private readonly window: DedupeWindow,
    @Optional() @Inject(Metrics) metrics?: Metrics,
  ) {
    super();
    this.requests = new CacheRequests(metrics, 'ingest_dedupe');
  }

  async claim(messageIds: readonly string[]): Promise<readonly IntakeStatus[]> {
    if (messageIds.length === 0) return [];
    const reply: unknown = await this.client.redis.eval(CLAIM, messageIds.length, ...messageIds.map(keyOf), IN_FLIGHT, IN_FLIGHT_SECONDS, SEEN).catch((error: unknown) => {
      this.requests.error(messageIds.length);
      throw error;
    });
    const statuses = asStatuses(reply, messageIds.length);
    const claimed = statuses.filter((status) => status === 'claimed').length;
    this.requests.miss(claimed);
    this.requests.hit(statuses.length - claimed);
    return statuses;
  }

  async confirm(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.client.redis.eval(CONFIRM, messageIds.length, ...messageIds.map(keyOf), SEEN, this.window.seconds);
  }

  async release(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.client.redis.del(...messageIds.map(keyOf));
  }
}
