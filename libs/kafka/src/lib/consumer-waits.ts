import { Injectable } from '@nestjs/common';

/** A partition that is not moving: waiting on a dependency, or its consumer stopped. */
export interface StalledPartition {
  readonly groupId: string;
  readonly topic: string;
  /** null: the whole consumer, e.g. after it crashed. */
  readonly partition: number | null;
  /** The offset of the message being retried. */
  readonly offset: string | null;
  readonly cause: string;
  readonly since: number;
}

const keyOf = (groupId: string, topic: string, partition: number | null): string => `${groupId}\u0000${topic}\u0000${partition ?? '*'}`;

/**
 * What every consumer of the process is waiting on, for readiness: a service whose partitions
 * wait on Redis is alive but not ready, and says on which partition and why.
 */
@Injectable()
export class ConsumerWaits {
  private readonly stalled = new Map<string, StalledPartition>();

  /** Records or updates a stall; `since` is kept from the first report of the same message. */
  report(stall: Omit<StalledPartition, 'since'>, now = Date.now()): void {
    const key = keyOf(stall.groupId, stall.topic, stall.partition);
    const previous = this.stalled.get(key);
    const since = previous && previous.offset === stall.offset ? previous.since : now;
    this.stalled.set(key, { ...stall, since });
  }

  clear(groupId: string, topic: string, partition: number | null): void {
    this.stalled.delete(keyOf(groupId, topic, partition));
  }

  /** Forgets the partitions of `groupId` that are not in `assigned` (they moved to another instance). */
  keepOnly(groupId: string, topic: string, assigned: readonly number[]): void {
    for (const [key, stall] of this.stalled) {
      if (stall.groupId === groupId && stall.topic === topic && stall.partition !== null && !assigned.includes(stall.partition)) this.stalled.delete(key);
    }
  }

  list(): readonly StalledPartition[] {
    return [...this.stalled.values()];
  }
}

/** One line per stall, e.g. "tp.events.raw.v1[2]@41 waiting 5 s: ECONNREFUSED 127.0.0.1:6379". */
export function describeStalls(stalls: readonly StalledPartition[], now = Date.now()): string {
  return stalls
    .map((s) => `${s.topic}[${s.partition ?? '*'}]${s.offset === null ? '' : `@${s.offset}`} (${s.groupId}) waiting ${Math.round((now - s.since) / 1000)} s: ${s.cause}`)
    .join('; ');
}
