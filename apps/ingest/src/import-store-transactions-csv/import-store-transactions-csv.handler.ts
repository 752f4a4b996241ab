import { Injectable } from '@nestjs/common';
import { StoreRegistry } from '@touchpoint/store-registry';
import { IngestStoreTransactionsCommand } from '../ingest-store-transactions/ingest-store-transactions.command';
import { IngestStoreTransactionsHandler } from '../ingest-store-transactions/ingest-store-transactions.handler';
import type { ImportStoreTransactionsCsvCommand } from './import-store-transactions-csv.command';
import { type CsvRejection, readStoreTransactionsCsv } from './store-transactions-csv';

/** A long systematic mistake needs a handful of examples, not one entry per row. */
const MAX_REPORTED_REJECTIONS = 1_000;

export interface CsvImportResult {
  /** True when every row was imported. */
  readonly success: boolean;
  /** Rows imported (one per line item). */
  readonly accepted: number;
  readonly transactions: number;
  readonly rejected: readonly CsvRejection[];
  /** Rows rejected, also those past the reported ones. */
  readonly rejectedCount: number;
}

@Injectable()
export class ImportStoreTransactionsCsvHandler {
  constructor(
    private readonly ingest: IngestStoreTransactionsHandler,
    private readonly stores: StoreRegistry,
  ) {}

  /**
   * Publishes the good transactions through the same mapping as the JSON endpoint; ids come from
   * the transactions, so a re-upload is a no-op. Rows of a store the registry does not know are
   * rejected like bad rows.
   */
  async execute(command: ImportStoreTransactionsCsvCommand): Promise<CsvImportResult> {
    const read = readStoreTransactionsCsv(command.csv);
    const transactions = read.transactions.filter(({ transaction }) => this.stores.find(transaction.storeId));
    const rejected: CsvRejection[] = [
      ...read.rejected,
      ...read.transactions
        .filter(({ transaction }) => !this.stores.find(transaction.storeId))
        .flatMap(({ transaction, lines }) =>
          lines.map((line) => ({ line, code: 'TP_INGEST_UNKNOWN_STORE' as const, message: `store ${transaction.storeId} is not in the store registry`, path: 'storeId' })),
        ),
    ].sort((a, b) => a.line - b.line);
    if (transactions.length > 0) {
      await this.ingest.execute(new IngestStoreTransactionsCommand(transactions.map(({ transaction }) => transaction)));
    }
    const rejectedRows = new Set(rejected.map(({ line }) => line)).size;
    return {
      success: rejected.length === 0,
      accepted: transactions.reduce((rows, { lines }) => rows + lines.length, 0),
      transactions: transactions.length,
      rejected: rejected.slice(0, MAX_REPORTED_REJECTIONS),
      rejectedCount: rejectedRows,
    };
  }
}
