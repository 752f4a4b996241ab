import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '@touchpoint/contracts';

export interface ConsumerStatsSnapshot {
  /** Messages sent to the dead-letter topic, by the code they carry. */
  readonly deadLettered: Readonly<Partial<Record<ErrorCode, number>>>;
  /** Attempts that failed on an unavailable dependency (the partition waited after each). */
  readonly dependencyFailures: number;
  /** Attempts that failed with an unclassified error (retried until the bound, then dead-lettered). */
  readonly unclassifiedFailures: number;
  /** Attempts aborted for running past the attempt timeout. */
  readonly attemptTimeouts: number;
  /** Times a partition started waiting on a dependency. */
  readonly waitsStarted: number;
  /** Times each group was joined: 1 for a consumer that never went through a rebalance. */
  readonly groupJoins: Readonly<Record<string, number>>;
}

/** Counters of every consumer of the process; the metrics endpoint reads `snapshot()`. */
@Injectable()
export class ConsumerStats {
  private readonly deadLettered = new Map<ErrorCode, number>();
  private dependencyFailures = 0;
  private unclassifiedFailures = 0;
  private attemptTimeouts = 0;
  private waitsStarted = 0;
  private readonly groupJoins = new Map<string, number>();

  countDeadLetter(code: ErrorCode): void {
    this.deadLettered.set(code, (this.deadLettered.get(code) ?? 0) + 1);
  }

  countFailure(kind: 'dependency' | 'unclassified', timedOut: boolean): void {
    if (kind === 'dependency') this.dependencyFailures++;
    else this.unclassifiedFailures++;
    if (timedOut) this.attemptTimeouts++;
  }

  countWaitStarted(): void {
    this.waitsStarted++;
  }

  countGroupJoin(groupId: string): void {
    this.groupJoins.set(groupId, (this.groupJoins.get(groupId) ?? 0) + 1);
  }

  snapshot(): ConsumerStatsSnapshot {
    return {
      deadLettered: Object.fromEntries(this.deadLettered),
      dependencyFailures: this.dependencyFailures,
      unclassifiedFailures: this.unclassifiedFailures,
      attemptTimeouts: this.attemptTimeouts,
      waitsStarted: this.waitsStarted,
      groupJoins: Object.fromEntries(this.groupJoins),
    };
  }
}
