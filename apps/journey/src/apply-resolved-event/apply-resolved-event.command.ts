import type { ResolvedEvent } from '@touchpoint/contracts';

/** Fold one resolved event into its profile's journey. */
export class ApplyResolvedEventCommand {
  constructor(
    readonly resolved: ResolvedEvent,
    readonly traceId?: string,
  ) {}
}
