import type { SegmentMessage } from '@touchpoint/contracts';

/** Resolve one raw event to a profile and announce the result. */
export class ResolveIdentityCommand {
  constructor(
    readonly event: SegmentMessage,
    /** Carried to the outputs so one trace follows the event downstream. */
    readonly traceId?: string,
  ) {}
}
