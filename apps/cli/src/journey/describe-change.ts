import type { JourneyView, JourneyViewChange } from '@touchpoint/journey-model';
import { differences } from './view-differences';

const brief = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? String(value) : JSON.stringify(value));

// Rules restate their numbers on every change; the stage and tier say what moved.
const quietSummaryFields = new Set(['stageRule', 'tierRule']);

/** One line per change: `stage consideration -> action`, `jacket-42.unitsOwned 0 -> 1`. */
export function describeChange(before: JourneyView | null, after: JourneyView, change: JourneyViewChange): string[] {
  const lines: string[] = [];
  if (change.summaryChanged) {
    for (const d of differences(before?.summary ?? {}, after.summary)) {
      if (quietSummaryFields.has(d.path)) continue;
      lines.push(`${d.path} ${brief(d.live)} -> ${brief(d.rebuilt)}`);
    }
  }
  for (const product of change.products) {
    for (const d of differences(product.before ?? {}, product.after ?? {})) lines.push(`${product.productId}.${d.path} ${brief(d.live)} -> ${brief(d.rebuilt)}`);
  }
  return lines;
}
