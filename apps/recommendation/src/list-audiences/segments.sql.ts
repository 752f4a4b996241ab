import type { PoolClient } from 'pg';

export interface AudienceSize {
  readonly audienceId: string;
  readonly profiles: number;
}

export interface TierFigures {
  readonly tier: string;
  readonly currency: string;
  readonly customers: number;
  /** Trailing-twelve-month net spend of the tier's customers, rounded to cents. */
  readonly trailingSpend: number;
}

/** Audience sizes as platforms were told them (entered and not exited), live profiles only. */
export async function audienceSizes(client: PoolClient): Promise<AudienceSize[]> {
  const { rows } = await client.query<{ audience_id: string; profiles: string }>(
    `SELECT a AS audience_id, count(*) AS profiles
     FROM recommendation_profiles, json_array_elements_text(told -> 'audiences') AS a
     WHERE retired_into IS NULL GROUP BY a ORDER BY a`,
  );
  return rows.map((row) => ({ audienceId: row.audience_id, profiles: Number(row.profiles) }));
}

/** Customers and their trailing spend per spend tier, from the journey summaries recommendation holds. */
export async function spendPyramid(client: PoolClient): Promise<TierFigures[]> {
  const { rows } = await client.query<{ tier: string; currency: string; customers: string; spend: string }>(
    `SELECT view -> 'summary' -> 'value' ->> 'tier' AS tier, view -> 'summary' -> 'value' ->> 'currency' AS currency,
            count(*) AS customers, coalesce(sum((view -> 'summary' -> 'value' ->> 'trailingSpend')::numeric), 0) AS spend
     FROM recommendation_profiles
     WHERE retired_into IS NULL AND view -> 'summary' -> 'value' IS NOT NULL AND json_typeof(view -> 'summary' -> 'value') = 'object'
     GROUP BY 1, 2`,
  );
  return rows.map((row) => ({ tier: row.tier, currency: row.currency, customers: Number(row.customers), trailingSpend: Math.round(Number(row.spend) * 100) / 100 }));
}
