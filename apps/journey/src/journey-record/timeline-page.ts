import type { JourneyTransitionV2 } from '@touchpoint/contracts';
import type { JourneyEntry } from '@touchpoint/journey-model';
import { encodeCursor, type TimelineCursor, type TimelineItem, type TimelineResult } from './timeline';

interface Keyed {
  readonly key: TimelineCursor;
  readonly item: TimelineItem;
}

function compareKeys(a: TimelineCursor, b: TimelineCursor): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.order !== b.order) return a.order - b.order;
  if (a.order === 1) return Number(a.id) - Number(b.id);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pageOf(event: Extract<JourneyEntry, { kind: 'event' }>['event']): string | null {
  const page: unknown = event.context['page'];
  if (page && typeof page === 'object' && 'path' in page && typeof page.path === 'string') return page.path;
  return event.type === 'page' ? (event.name ?? null) : null;
}

function touchpoint(entry: JourneyEntry): Keyed | null {
  if (entry.kind !== 'event') return null;
  const { event } = entry;
  return {
    key: { at: entry.at, order: 0, id: entry.messageId },
    item: {
      type: 'touchpoint',
      at: new Date(entry.at).toISOString(),
      messageId: entry.messageId,
      channel: event.context.channel ?? 'web',
      event: event.type === 'track' ? event.event : event.type,
      storeId: event.context.storeId ?? null,
      page: pageOf(event),
    },
  };
}

function transition(seq: string, body: JourneyTransitionV2): Keyed {
  const after = body.after;
  return {
    key: { at: Date.parse(body.occurredAt), order: 1, id: seq },
    item: {
      type: 'transition',
      at: body.occurredAt,
      transitionId: body.transitionId,
      kind: body.kind,
      cause: body.cause,
      stage: after?.stage ?? null,
      step: after?.step ?? null,
      tier: after?.tier ?? null,
      audiences: after?.audiences ?? [],
      productsChanged: body.products.map((p) => p.productId),
    },
  };
}

/** Merges touchpoints and transitions into one page in timeline order, with the cursor of the next page. */
export function timelinePage(
  rows: { readonly entries: readonly JourneyEntry[]; readonly transitions: readonly { readonly seq: string; readonly body: JourneyTransitionV2 }[] },
  limit: number,
): TimelineResult {
  const keyed = [...rows.entries.flatMap((entry) => touchpoint(entry) ?? []), ...rows.transitions.map((row) => transition(row.seq, row.body))];
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const page = keyed.slice(0, limit);
  const more = keyed.length > limit || rows.entries.length >= limit || rows.transitions.length >= limit;
  const last = page[page.length - 1];
  return { kind: 'page', items: page.map((k) => k.item), next: more && last ? encodeCursor(last.key) : null };
}
