import { type Channel, channels, type SegmentMessage } from '@touchpoint/contracts';
import type { OrderLine, PurchaseChannel } from './journey-state';

/**
 * Lenient readers of the freeform parts of an event (properties, context extras). An event that
 * does not follow the e-commerce spec still counts as a touchpoint; a field that is not what
 * the spec says is read as absent. Hand-written rather than zod: this runs once per event.
 */

const knownChannels: ReadonlySet<string> = new Set(channels);

/** Events without a channel come from the web SDK. */
export function channelOf(event: SegmentMessage): Channel {
  const channel = event.context.channel;
  return channel !== undefined && knownChannels.has(channel) ? channel : 'web';
}

export const purchaseChannelOf = (channel: Channel): PurchaseChannel => (channel === 'store' ? 'store' : 'online');

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A product or order id: a non-empty string (trimmed, at most 128) or a finite number. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const id = value.trim();
    return id.length > 0 && id.length <= 128 ? id : null;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

export function positiveIntOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

export function finiteOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function priceOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** properties.products as order lines; a line without a product id is skipped, a missing quantity is 1. */
export function linesOf(properties: Record<string, unknown>): OrderLine[] {
  const products = properties['products'];
  if (!Array.isArray(products)) return [];
  const lines: OrderLine[] = [];
  for (const product of products) {
    if (!isRecord(product)) continue;
    const productId = idOf(product['product_id']);
    if (productId === null) continue;
    lines.push({ productId, quantity: positiveIntOf(product['quantity']) ?? 1, unitPrice: priceOf(product['price']) });
  }
  return lines;
}

/** The lines when every line is priced, else total, else revenue, else what the priced lines add up to. */
export function statedAmountOf(lines: readonly OrderLine[], properties: Record<string, unknown>): number {
  let sum = 0;
  let allPriced = lines.length > 0;
  for (const line of lines) {
    if (line.unitPrice === null) allPriced = false;
    else sum += line.unitPrice * line.quantity;
  }
  if (allPriced) return sum;
  return finiteOf(properties['total']) ?? finiteOf(properties['revenue']) ?? sum;
}

/** ISO 4217 from properties.currency, else the base currency. */
export function currencyOf(properties: Record<string, unknown>, base: string): string {
  const currency = properties['currency'];
  return typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : base;
}

/** Where a touchpoint happened in the shop: context.page.path, else the page or screen name. */
export function pageOf(event: SegmentMessage): string | null {
  const page = event.context['page'];
  if (isRecord(page) && typeof page['path'] === 'string' && page['path'] !== '') return page['path'];
  if ((event.type === 'page' || event.type === 'screen') && typeof event.name === 'string' && event.name !== '') return event.name;
  return null;
}

/** Segment's categoryPreferences shape: category -> boolean; other values are ignored. */
export function categoryPreferencesOf(container: unknown): [string, boolean][] {
  if (!isRecord(container)) return [];
  const preferences = container['categoryPreferences'];
  if (!isRecord(preferences)) return [];
  const result: [string, boolean][] = [];
  for (const [category, granted] of Object.entries(preferences)) {
    if (typeof granted === 'boolean') result.push([category, granted]);
  }
  return result;
}
