import { storeTransactionSchema } from '@touchpoint/contracts';
import { z } from 'zod';

/** Body of POST /v1/store/transactions. */
export const storeTransactionsRequestSchema = z
  .object({
    transactions: z.array(storeTransactionSchema),
    /** Alternative to Basic auth, read by the write-key guard. */
    writeKey: z.string().optional(),
  })
  .strict();
