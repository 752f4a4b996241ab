import { CommerceEvent, type ResolvedEvent } from '@touchpoint/contracts';

export type Signal =
  | { readonly kind: 'view'; readonly messageId: string; readonly profileId: string; readonly productId: string; readonly at: number }
  | { readonly kind: 'basket'; readonly messageId: string; readonly profileId: string; readonly productIds: readonly string[]; readonly at: number };

/** The popularity scopes a product counts in beside `all`, e.g. its category. */
export type ScopesOf = (productId: string) => readonly string[];

const idOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

/** A product view or a completed order (any channel) as a co-occurrence signal; null for anything else. */
export function signalOf({ profileId, event }: ResolvedEvent): Signal | null {
  if (event.type !== 'track') return null;
  const at = Date.parse(event.timestamp);
  if (!Number.isFinite(at)) return null;
  if (event.event === CommerceEvent.ProductViewed) {
    const productId = idOf(event.properties['product_id']);
    return productId === null ? null : { kind: 'view', messageId: event.messageId, profileId, productId, at };
  }
  if (event.event === CommerceEvent.OrderCompleted) {
    const products = event.properties['products'];
    const productIds = Array.isArray(products) ? [...new Set(products.map((p: unknown) => (typeof p === 'object' && p !== null ? idOf((p as Record<string, unknown>)['product_id']) : null)).filter((id): id is string => id !== null))] : [];
    return productIds.length === 0 ? null : { kind: 'basket', messageId: event.messageId, profileId, productIds, at };
  }
  return null;
}
