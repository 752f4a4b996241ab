import { storeTransactionSchema } from '../store/store-transaction.v1';
import { defineTopic } from './topic-definition';

export const posTransactionsV1 = defineTopic({
  name: 'tp.pos.transactions.v1',
  schema: storeTransactionSchema,
  key: (value) => `${value.storeId}:${value.transactionId}`,
  eventType: 'io.touchpoint.pos.transaction.v1',
  description: 'Point-of-sale sales and returns, for POS systems that publish to Kafka.',
});
