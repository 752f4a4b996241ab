import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { WriteKeyGuard } from '../auth/write-key.guard';
import { WritesScope } from '../auth/write-scope.decorator';
import { ImportStoreTransactionsCsvCommand } from './import-store-transactions-csv.command';
import { type CsvImportResult, ImportStoreTransactionsCsvHandler } from './import-store-transactions-csv.handler';

/** POS exports uploaded as text/csv; authenticate with the Basic write key (there is no body field for it). */
@Controller('v1/store')
@UseGuards(WriteKeyGuard)
@WritesScope('store')
export class StoreTransactionsCsvHttpController {
  constructor(private readonly handler: ImportStoreTransactionsCsvHandler) {}

  @Post('transactions.csv')
  @HttpCode(200)
  transactionsCsv(@Body() body: unknown): Promise<CsvImportResult> {
    if (typeof body !== 'string') {
      throw new TouchpointError('TP_INGEST_MALFORMED_CSV', 'send the file as the request body with Content-Type: text/csv');
    }
    return this.handler.execute(new ImportStoreTransactionsCsvCommand(body));
  }
}
