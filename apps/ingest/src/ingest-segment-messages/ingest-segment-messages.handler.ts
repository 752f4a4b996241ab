import { Injectable } from '@nestjs/common';
import { type SegmentMessage, TouchpointError } from '@touchpoint/contracts';
import { Clock } from '../clock/clock';
import { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { RawEventSink } from '../raw-events/raw-event-sink';
import { type FieldIssue, fieldIssues, formatPath, validationFailed } from '../validation/field-issues';
import { MAX_MESSAGE_BYTES, messageBytes } from '../validation/payload-limits';
import type { IngestSegmentMessagesCommand } from './ingest-segment-messages.command';
import { normalizeSegmentMessage } from './normalize-segment-message';
import { storeClaimIssues, storeClaimRefused } from './store-claims';

@Injectable()
export class IngestSegmentMessagesHandler {
  constructor(
    private readonly sink: RawEventSink,
    private readonly clock: Clock,
    private readonly personalData: PersonalDataPolicy,
  ) {}

  /** Resolves once every message is acknowledged by the broker; a bad message rejects the whole request. */
  async execute(command: IngestSegmentMessagesCommand): Promise<void> {
    const oversized = command.messages.find((message) => messageBytes(message.body) > MAX_MESSAGE_BYTES);
    if (oversized) {
      const path = formatPath(oversized.at);
      throw new TouchpointError('TP_INGEST_PAYLOAD_TOO_LARGE', `${path} is a message over ${MAX_MESSAGE_BYTES / 1024} KB`, [
        { path, message: `over ${MAX_MESSAGE_BYTES} bytes` },
      ]);
    }
    const receivedAt = this.clock.now();
    const accepted: SegmentMessage[] = [];
    const issues: FieldIssue[] = [];
    const claims: FieldIssue[] = [];
    for (const { at, body } of command.messages) {
      const result = normalizeSegmentMessage(body, receivedAt, command.batch, (message) => this.personalData.protectSegmentMessage(message));
      if (result.ok) {
        accepted.push(result.message);
        claims.push(...storeClaimIssues(result.message, at));
      } else issues.push(...fieldIssues(result.issues, at));
    }
    if (issues.length > 0) throw validationFailed(issues);
    if (claims.length > 0) throw storeClaimRefused(claims);
    await this.sink.publish(accepted);
  }
}
