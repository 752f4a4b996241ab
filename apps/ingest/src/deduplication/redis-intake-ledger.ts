import { Injectable } from '@nestjs/common';
import { RedisClient } from '@touchpoint/redis';
import { DedupeWindow, IntakeLedger, type IntakeStatus } from './intake-ledger';

/**
 * How long a claim outlives a request that died while publishing (crash, lost connection):
 * well past the 5 s acknowledgement deadline, short enough that a retry soon gets through.
 */
export const IN_FLIGHT_SECONDS = 30;

const IN_FLIGHT = 'in-flight';
const SEEN = 'seen';

const keyOf = (messageId: string): string => `ingest:msg:${messageId}`;

/** Redis failed a command of the pipeline; ioredis reports it per command, not by rejecting. */
function settled(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('redis pipeline was discarded');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * One key per messageId: `SET NX` with a short expiry claims it (only one of two concurrent
 * requests can), the value turns to "seen" with the dedupe window once published.
 */
@Injectable()
export class RedisIntakeLedger extends IntakeLedger {
  constructor(
    private readonly client: RedisClient,
    private readonly window: DedupeWindow,
  ) {
    super();
  }

  async claim(messageIds: readonly string[]): Promise<readonly IntakeStatus[]> {
    if (messageIds.length === 0) return [];
    const claims = this.client.redis.pipeline();
    for (const id of messageIds) claims.set(keyOf(id), IN_FLIGHT, 'EX', IN_FLIGHT_SECONDS, 'NX');
    const claimed = settled(await claims.exec()).map((reply) => reply === 'OK');
    const taken = messageIds.filter((_, index) => !claimed[index]);
    if (taken.length === 0) return claimed.map(() => 'claimed');
    const states = settled(await this.client.redis.pipeline(taken.map((id) => ['get', keyOf(id)])).exec());
    const takenStatus = new Map(taken.map((id, index): [string, IntakeStatus] => [id, states[index] === SEEN ? 'seen' : 'in-flight']));
    // A key released between SET and GET reads as in flight: the client retries and claims it then.
    return messageIds.map((id, index) => (claimed[index] ? 'claimed' : (takenStatus.get(id) ?? 'in-flight')));
  }

  async confirm(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    settled(await this.client.redis.pipeline(messageIds.map((id) => ['set', keyOf(id), SEEN, 'EX', this.window.seconds])).exec());
  }

  async release(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.client.redis.del(...messageIds.map(keyOf));
  }
}
