import fs from 'node:fs';
import path from 'node:path';
import type { Channel, SegmentMessage, TrackMessage } from '@touchpoint/contracts';
import { parseJourneyDefinitions } from '../lib/definitions/parse-journey-definitions';
import type { JourneyDefinitions } from '../lib/definitions/journey-definitions.schema';
import { deriveJourney, type JourneyView } from '../lib/derive';
import { eventEntry, type JourneyEntry, tickEntry } from '../lib/entries';
import { foldJourney } from '../lib/fold-journey';
import type { JourneyState } from '../lib/journey-state';

export const DEFINITIONS_FILE = path.join(__dirname, '../../../../config/journey-definitions.v1.json');

export function readDefinitionsJson(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(DEFINITIONS_FILE, 'utf8')) as Record<string, unknown>;
}

/** The shipped definitions file: the specs check the rules as configured. */
export const defs: JourneyDefinitions = parseJourneyDefinitions(readDefinitionsJson(), DEFINITIONS_FILE);

export const PROFILE = '0b8f4a7e-6a51-4a3e-9f2d-1c2b3d4e5f60';
export const T0 = Date.parse('2026-11-02T10:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const minutes = (n: number): number => T0 + n * MINUTE;
export const days = (n: number): number => T0 + n * DAY;
export const iso = (at: number): string => new Date(at).toISOString();

let sequence = 0;

export interface EventOptions {
  readonly channel?: Channel;
  readonly storeId?: string;
  readonly messageId?: string;
  readonly context?: Record<string, unknown>;
}

function contextOf(options: EventOptions): SegmentMessage['context'] {
  return { channel: options.channel ?? 'web', ...(options.storeId === undefined ? {} : { storeId: options.storeId }), ...options.context };
}

export function track(event: string, properties: Record<string, unknown>, at: number, options: EventOptions = {}): TrackMessage {
  const time = iso(at);
  return { type: 'track', messageId: options.messageId ?? `m-${++sequence}`, anonymousId: 'anon-1', event, properties, context: contextOf(options), timestamp: time, receivedAt: time };
}

export function page(path: string, at: number, options: EventOptions = {}): SegmentMessage {
  const time = iso(at);
  return {
    type: 'page',
    messageId: options.messageId ?? `m-${++sequence}`,
    anonymousId: 'anon-1',
    properties: {},
    context: { ...contextOf(options), page: { path } },
    timestamp: time,
    receivedAt: time,
  };
}

/** A store sale as ingest turns a till transaction into an event. */
export function storeSale(storeId: string, transactionId: string, lines: readonly [string, number, number][], at: number, currency = 'EUR'): SegmentMessage {
  const products = lines.map(([product_id, quantity, price]) => ({ product_id, quantity, price }));
  const total = lines.reduce((sum, [, quantity, price]) => sum + quantity * price, 0);
  return track('Order Completed', { order_id: transactionId, total, currency, products }, at, { channel: 'store', storeId, messageId: `store:${storeId}:${transactionId}:order` });
}

/** A store return: order_id is the return's own transaction, original_order_id the sale. */
export function storeReturn(storeId: string, transactionId: string, originalId: string | null, lines: readonly [string, number, number][], at: number): SegmentMessage {
  const products = lines.map(([product_id, quantity, price]) => ({ product_id, quantity, price }));
  const total = lines.reduce((sum, [, quantity, price]) => sum + quantity * price, 0);
  return track(
    'Order Refunded',
    { order_id: transactionId, total, currency: 'EUR', products, ...(originalId === null ? {} : { original_order_id: originalId }) },
    at,
    { channel: 'store', storeId, messageId: `store:${storeId}:${transactionId}:return` },
  );
}

export function onlineOrder(orderId: string, lines: readonly [string, number, number][], at: number, options: EventOptions & { currency?: string } = {}): SegmentMessage {
  const products = lines.map(([product_id, quantity, price]) => ({ product_id, quantity, price }));
  return track('Order Completed', { order_id: orderId, currency: options.currency ?? 'EUR', products }, at, options);
}

export const entryOf = (event: SegmentMessage): JourneyEntry => eventEntry(event, { profileId: PROFILE, identifier: 'anon-1' });

/** Folds events (and ticks, given as numbers) the way the service defines a state. */
export function fold(items: readonly (SegmentMessage | number)[], definitions: JourneyDefinitions = defs): JourneyState {
  return foldJourney(PROFILE, items.map((item) => (typeof item === 'number' ? tickEntry(item) : entryOf(item))), definitions);
}

export function viewOf(items: readonly (SegmentMessage | number)[], definitions: JourneyDefinitions = defs): JourneyView {
  return deriveJourney(fold(items, definitions), definitions);
}

/** Definitions with some values changed, validated like the file. */
export function definitionsWith(change: (json: Record<string, unknown>) => void): JourneyDefinitions {
  const json = readDefinitionsJson();
  change(json);
  return parseJourneyDefinitions(json, 'test definitions');
}
