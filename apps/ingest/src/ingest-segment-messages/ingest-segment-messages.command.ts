import type { FieldPath } from '../validation/field-issues';
import type { BatchDefaults } from './normalize-segment-message';

export interface IncomingSegmentMessage {
  /** Where the message sits in the request body, so errors name e.g. "batch.3.event". */
  readonly at: FieldPath;
  /** As the client sent it; normalizing checks it is a message. */
  readonly body: unknown;
}

/** Accept Segment messages (one call or a batch): normalize, validate, publish, all or nothing. */
export class IngestSegmentMessagesCommand {
  constructor(
    readonly messages: readonly IncomingSegmentMessage[],
    readonly batch: BatchDefaults = {},
  ) {}
}
