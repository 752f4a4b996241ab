import type { SegmentMessage } from '@touchpoint/contracts';

/** Resolve one raw event to a profile and announce the result. */
export class ResolveIdentityCommand {
  constructor(
    readonly event: SegmentMessage,
    /** Carried to the outputs so one trace follows the event downstream. */
    readonly traceId?: string,
    /** Ingest's accept time from the tp_accepted_at header (epoch ms), passed on downstream. */
    readonly acceptedAt: number | null = null,
  ) {}
}
