import { randomUUID } from 'node:crypto';
import type { StoreTransaction } from '@touchpoint/contracts';

export interface IngestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Talks to ingest the way a Segment SDK and a POS integration do: HTTP Basic with the write key. */
export class IngestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly writeKey: string,
  ) {}

  private async post(path: string, body: unknown): Promise<IngestAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${this.writeKey}:`).toString('base64')}`,
      },
      body: JSON.stringify(body),
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
}
