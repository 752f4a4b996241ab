import type { FunnelStage, JourneyTransitionV2, SpendTier, WebshopStep } from '@touchpoint/contracts';

export interface TimelineQuery {
  readonly profileId: string;
  /** Opaque cursor from the previous page; null for the first. */
  readonly after: string | null;
  readonly limit: number;
}

/** One point on the timeline: something the customer did, or a move of their journey. */
export type TimelineItem =
  | {
      readonly type: 'touchpoint';
      readonly at: string;
      readonly messageId: string;
      readonly channel: string;
      readonly event: string;
      readonly storeId: string | null;
      readonly page: string | null;
    }
  | {
      readonly type: 'transition';
      readonly at: string;
      readonly transitionId: string;
      readonly kind: JourneyTransitionV2['kind'];
      readonly cause: JourneyTransitionV2['cause'];
      readonly stage: FunnelStage | null;
      readonly step: WebshopStep | null;
      readonly tier: SpendTier | null;
      readonly audiences: readonly string[];
      readonly productsChanged: readonly string[];
    };

export type TimelineResult =
  | { readonly kind: 'page'; readonly items: readonly TimelineItem[]; readonly next: string | null }
  | { readonly kind: 'retired'; readonly survivorProfileId: string }
  | { readonly kind: 'missing' };

/** Items are ordered by time, then touchpoints before transitions, then by id: the cursor is that key. */
export interface TimelineCursor {
  readonly at: number;
  readonly order: 0 | 1;
  readonly id: string;
}

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.order, cursor.id]), 'utf8').toString('base64url');
}

/** null when the cursor was not made by encodeCursor. */
export function decodeCursor(text: string): TimelineCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [at, order, id] = value as unknown[];
    if (typeof at !== 'number' || !Number.isFinite(at) || (order !== 0 && order !== 1) || typeof id !== 'string') return null;
    return { at, order, id };
  } catch {
    return null;
  }
}
