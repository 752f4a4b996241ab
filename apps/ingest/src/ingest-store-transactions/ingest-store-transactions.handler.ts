import { Injectable } from '@nestjs/common';
import { type SegmentMessage, Topics } from '@touchpoint/contracts';
import { Clock } from '../clock/clock';
import { RawEventSink } from '../raw-events/raw-event-sink';
import { type FieldIssue, fieldIssues, validationFailed } from '../validation/field-issues';
import type { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { storeTransactionToEvent } from './store-transaction-to-event';

@Injectable()
export class IngestStoreTransactionsHandler {
  constructor(
    private readonly sink: RawEventSink,
    private readonly clock: Clock,
  ) {}

  /** Resolves once every transaction's event is acknowledged by the broker. */
  async execute(command: IngestStoreTransactionsCommand): Promise<void> {
    const receivedAt = this.clock.now();
    const events: SegmentMessage[] = [];
    const issues: FieldIssue[] = [];
    command.transactions.forEach((transaction, index) => {
      const parsed = Topics.eventsRaw.schema.safeParse(storeTransactionToEvent(transaction, receivedAt));
      if (parsed.success) events.push(parsed.data);
      else issues.push(...fieldIssues(parsed.error.issues, ['transactions', index]));
    });
    if (issues.length > 0) throw validationFailed(issues);
    await this.sink.publish(events);
  }
}
