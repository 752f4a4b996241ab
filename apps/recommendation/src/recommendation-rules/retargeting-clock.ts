import type { RecommendationView } from '../recommendation-view/recommendation-view';

/** How long retargeting runs, how much at once, and how long an expired product rests. */
export interface RetargetingPolicy {
  readonly maxProducts: number;
  readonly expiryMs: number;
  readonly cooldownMs: number;
}

/** No limits: what the rules do without a clock (specs of the other rules). */
export const unlimitedRetargeting: RetargetingPolicy = Object.freeze({ maxProducts: Number.POSITIVE_INFINITY, expiryMs: Number.POSITIVE_INFINITY, cooldownMs: 0 });

/** What retargeting remembers of time, per product. */
export interface RetargetingClock {
  /** When retargeting of the product started (epoch ms). */
  readonly since: Readonly<Record<string, number>>;
  /** Products whose retargeting expired: when, and the revision of the product's status then. */
  readonly expired: Readonly<Record<string, { readonly at: number; readonly revision: number }>>;
}

export const emptyRetargetingClock: RetargetingClock = Object.freeze({ since: {}, expired: {} });

export interface ClockedRetargeting {
  /** The products to retarget now, sorted. */
  readonly retargeting: string[];
  /** Products whose retargeting expires now (stop reason `expired`). */
  readonly expiring: ReadonlySet<string>;
  readonly clock: RetargetingClock;
  /** When this must be decided again though nothing else happens (epoch ms), or null. */
  readonly nextDueAt: number | null;
}

/**
 * Of the products the rules want retargeted, those retargeted now: one running longer than the
 * expiry stops (`expired`) and is not retargeted again until the customer acts on it again and
 * the cool-down has passed; at most `maxProducts`, the longest running first. A quiet profile is
 * therefore never retargeted forever: `nextDueAt` says when its expiry falls due.
 */
export function clockRetargeting(
  wanted: readonly string[],
  told: readonly string[],
  view: RecommendationView,
  clock: RetargetingClock,
  policy: RetargetingPolicy,
  now: number,
): ClockedRetargeting {
  const wantedSet = new Set(wanted);
  const running = new Set(told.filter((p) => wantedSet.has(p)));
  const expiring = new Set([...running].filter((p) => (clock.since[p] ?? now) + policy.expiryMs <= now));
  const expired: Record<string, { at: number; revision: number }> = {};
  for (const [p, e] of Object.entries(clock.expired)) if (wantedSet.has(p) || e.at + policy.cooldownMs > now) expired[p] = e;
  for (const p of expiring) expired[p] = { at: now, revision: view.products[p]?.revision ?? 0 };
  const resting = (p: string): boolean => {
    const e = expired[p];
    return e !== undefined && ((view.products[p]?.revision ?? 0) <= e.revision || now < e.at + policy.cooldownMs);
  };
  const since = (p: string): number => (running.has(p) ? (clock.since[p] ?? now) : now);
  const chosen = wanted
    .filter((p) => !expiring.has(p) && !resting(p))
    .sort((a, b) => since(a) - since(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, policy.maxProducts)
    .sort();
  for (const p of chosen) delete expired[p];
  const nextSince: Record<string, number> = {};
  for (const p of chosen) nextSince[p] = since(p);
  const dues = [
    ...chosen.map((p) => nextSince[p] + policy.expiryMs),
    ...wanted.filter((p) => expired[p] !== undefined && (view.products[p]?.revision ?? 0) > expired[p].revision).map((p) => expired[p].at + policy.cooldownMs),
  ].filter((at) => Number.isFinite(at));
  return { retargeting: chosen, expiring, clock: { since: nextSince, expired }, nextDueAt: dues.length > 0 ? Math.min(...dues) : null };
}
