import type { StoreTransaction } from '@touchpoint/contracts';

/** Accept till transactions as commerce events, all or nothing. */
export class IngestStoreTransactionsCommand {
  constructor(readonly transactions: readonly StoreTransaction[]) {}
}
