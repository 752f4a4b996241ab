import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { WriteKeyGuard } from '../auth/write-key.guard';
import { WritesScope } from '../auth/write-scope.decorator';
import { accepted, type IngestAccepted } from '../http/ingest-accepted';
import { parseRequest } from '../validation/field-issues';
import { IngestStoreTransactionsCommand } from './ingest-store-transactions.command';
import { IngestStoreTransactionsHandler } from './ingest-store-transactions.handler';
import { storeTransactionsRequestSchema } from './store-transactions.request.dto';

/** Point-of-sale systems post sales and returns here (CSV upload and the POS topic come later). */
@Controller('v1/store')
@UseGuards(WriteKeyGuard)
@WritesScope('store')
export class StoreTransactionsHttpController {
  constructor(private readonly handler: IngestStoreTransactionsHandler) {}

  @Post('transactions')
  @HttpCode(200)
  async transactions(@Body() body: unknown): Promise<IngestAccepted> {
    const request = parseRequest(storeTransactionsRequestSchema, body);
    await this.handler.execute(new IngestStoreTransactionsCommand(request.transactions));
    return accepted;
  }
}
