import { randomUUID } from 'node:crypto';
import { DEMO_WRITE_KEYS } from '@touchpoint/config';
import type { StoreTransaction } from '@touchpoint/contracts';

export interface IngestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A site's key for Segment calls and a till's for store transactions: ingest takes neither for the other. */
export interface IngestWriteKeys {
  readonly segment: string;
  readonly store: string;
}

/** The keys ingest accepts when INGEST_WRITE_KEYS is left unset, as in the demo and the system tests. */
export const DEFAULT_INGEST_WRITE_KEYS: IngestWriteKeys = { segment: DEMO_WRITE_KEYS.web, store: DEMO_WRITE_KEYS.pos };

/** Talks to ingest the way a Segment SDK and a POS integration do: HTTP Basic with the write key. */
export class IngestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly writeKeys: IngestWriteKeys = DEFAULT_INGEST_WRITE_KEYS,
  ) {}

  private async post(path: string, body: unknown, contentType = 'application/json'): Promise<IngestAnswer> {
    const key = path.startsWith('/v1/store/') ? this.writeKeys.store : this.writeKeys.segment;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON answers are reported as text.
    }
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return { status: response.status, body: parsed };
  }

  /** Sends a track call and returns its messageId. */
  async track(identity: { anonymousId?: string; userId?: string }, event: string, properties: Record<string, unknown>): Promise<string> {
    const messageId = randomUUID();
    await this.post('/v1/track', { ...identity, messageId, event, properties, timestamp: new Date().toISOString(), context: { channel: 'web' } });
    return messageId;
  }

  async identify(identity: { anonymousId?: string; userId: string }, traits: Record<string, unknown>): Promise<string> {
    const messageId = randomUUID();
    await this.post('/v1/identify', { ...identity, messageId, traits, timestamp: new Date().toISOString() });
    return messageId;
  }

  async storeTransaction(transaction: StoreTransaction): Promise<void> {
    await this.post('/v1/store/transactions', { transactions: [transaction] });
  }

  /** Sends a page call (URL, search and referrer in properties and context.page) and returns its messageId. */
  async page(identity: { anonymousId?: string; userId?: string }, name: string, properties: Record<string, unknown>, context: Record<string, unknown> = {}): Promise<string> {
    const messageId = randomUUID();
    await this.post('/v1/page', { ...identity, messageId, name, properties, timestamp: new Date().toISOString(), context: { channel: 'web', ...context } });
    return messageId;
  }

  /** Segment's alias: the customer known as `previousId` is now `userId`. */
  async alias(previousId: string, userId: string): Promise<string> {
    const messageId = randomUUID();
    await this.post('/v1/alias', { previousId, userId, messageId, timestamp: new Date().toISOString() });
    return messageId;
  }

  /** Uploads a POS export (text/csv, one line item per row) and returns ingest's report. */
  async storeTransactionsCsv(csv: string): Promise<IngestAnswer> {
    return this.post('/v1/store/transactions.csv', csv, 'text/csv');
  }
}
