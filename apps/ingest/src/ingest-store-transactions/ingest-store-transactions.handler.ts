import { Injectable } from '@nestjs/common';
import { type SegmentMessage, type StoreTransaction, Topics, TouchpointError } from '@touchpoint/contracts';
import { StoreRegistry } from '@touchpoint/store-registry';
import { Clock } from '../clock/clock';
import { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { RawEventSink } from '../raw-events/raw-event-sink';
import { type FieldIssue, fieldIssues, validationFailed } from '../validation/field-issues';
import type { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { storeTransactionToEvent } from './store-transaction-to-event';

/** The transactions of stores the registry does not know, by index; such a request is refused whole. */
export function unknownStores(transactions: readonly StoreTransaction[], stores: StoreRegistry): FieldIssue[] {
  return transactions.flatMap((transaction, index) =>
    stores.find(transaction.storeId) ? [] : [{ path: `transactions.${index}.storeId`, message: `store ${transaction.storeId} is not in the store registry` }],
  );
}

@Injectable()
export class IngestStoreTransactionsHandler {
  constructor(
    private readonly sink: RawEventSink,
    private readonly clock: Clock,
    private readonly stores: StoreRegistry,
    private readonly personalData: PersonalDataPolicy,
  ) {}

  /** Resolves once every transaction's event is acknowledged by the broker. */
  async execute(command: IngestStoreTransactionsCommand): Promise<void> {
    const unknown = unknownStores(command.transactions, this.stores);
    if (unknown.length > 0) {
      throw new TouchpointError('TP_INGEST_UNKNOWN_STORE', `${unknown.length} transaction(s) name a store the registry does not know, e.g. ${unknown[0].path}`, unknown);
    }
    const receivedAt = this.clock.now();
    const events: SegmentMessage[] = [];
    const issues: FieldIssue[] = [];
    command.transactions.forEach((transaction, index) => {
      const country = this.stores.find(transaction.storeId)?.country ?? null;
      const event = storeTransactionToEvent(transaction, receivedAt, this.personalData.contactHashes(transaction.customer, country));
      // Product names and the like are typed at the till: whatever personal data slipped in goes hashed.
      const parsed = Topics.eventsRaw.schema.safeParse({ ...event, properties: this.personalData.scrub(event.properties, country) });
      if (parsed.success) events.push(parsed.data);
      else issues.push(...fieldIssues(parsed.error.issues, ['transactions', index]));
    });
    if (issues.length > 0) throw validationFailed(issues);
    await this.sink.publish(events);
  }
}
