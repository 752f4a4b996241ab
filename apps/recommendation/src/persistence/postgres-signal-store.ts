import { Inject, Injectable } from '@nestjs/common';
import type { RecommendationSettings } from '@touchpoint/config';
import { inTransaction, withPooledConnection } from '@touchpoint/persistence';
import { DataSource } from 'typeorm';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import type { ScopesOf, Signal } from '../signals/signal-of-event';
import { SignalStore, similarKey } from '../signals/signal-store';

/** Views less than this apart, under one profile, are one visit. */
const VISIT_GAP_MS = 30 * 60_000;
/** Products a visit remembers to pair a new view with. */
const VISIT_PRODUCTS = 20;

interface Score {
  value: number;
  at: number;
}

@Injectable()
export class PostgresSignalStore extends SignalStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECOMMENDATION_SETTINGS) private readonly settings: RecommendationSettings,
  ) {
    super();
  }

  /** Two scores as one, at the later time: the same whatever order they were added in. */
  private combine(a: Score | undefined, b: Score): Score {
    if (!a) return b;
    const at = Math.max(a.at, b.at);
    const decay = (s: Score) => s.value * 0.5 ** ((at - s.at) / this.settings.signalsHalfLifeMs);
    return { value: decay(a) + decay(b), at };
  }

  record(signals: readonly Signal[], scopesOf: ScopesOf = () => []): Promise<number> {
    if (signals.length === 0) return Promise.resolve(0);
    return inTransaction(this.dataSource, async (client) => {
      const fresh = await client.query<{ message_id: string }>(
        'INSERT INTO recommendation_signal_events (message_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING message_id',
        [[...new Set(signals.map((s) => s.messageId))]],
      );
      const counted = new Set(fresh.rows.map((row) => row.message_id));
      // Each message once, though a batch may carry it twice (a redelivered tail).
      const todo = [...new Map(signals.filter((s) => counted.has(s.messageId)).map((s) => [s.messageId, s])).values()].sort((a, b) => a.at - b.at);
      const pairs = new Map<string, Score & { kind: string; a: string; b: string }>();
      const popularity = new Map<string, Score>(); // by scope and product
      const pair = (kind: string, a: string, b: string, at: number) => {
        const key = `${kind}\u0000${a}\u0000${b}`;
        pairs.set(key, { kind, a, b, ...this.combine(pairs.get(key), { value: 1, at }) });
      };
      const buyers = [...new Set(todo.map((s) => s.profileId))];
      const audienceRows = await client.query<{ profile_id: string; audiences: string[] | null }>(
        `SELECT profile_id, ARRAY(SELECT json_array_elements_text(told -> 'audiences')) AS audiences FROM recommendation_profiles WHERE profile_id = ANY($1::uuid[])`,
        [buyers],
      );
      const audiencesOf = new Map(audienceRows.rows.map((row) => [row.profile_id, row.audiences ?? []]));
      const popular = (profileId: string, productId: string, at: number, weight: number) => {
        for (const scope of ['all', ...scopesOf(productId), ...(audiencesOf.get(profileId) ?? []).map((a) => `audience:${a}`)]) {
          const key = `${scope}\u0000${productId}`;
          popularity.set(key, this.combine(popularity.get(key), { value: weight, at }));
        }
      };

      const viewers = [...new Set(todo.filter((s) => s.kind === 'view').map((s) => s.profileId))].sort();
      const { rows } = await client.query<{ profile_id: string; last_at: string; products: string[] }>(
        'SELECT profile_id, last_at, products FROM recommendation_signal_visits WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE',
        [viewers],
      );
      const visits = new Map(rows.map((row) => [row.profile_id, { lastAt: Number(row.last_at), products: row.products }]));
      for (const signal of todo) {
        if (signal.kind === 'basket') {
          for (const a of signal.productIds) {
            popular(signal.profileId, a, signal.at, 1);
            for (const b of signal.productIds) if (a !== b) pair('bought_together', a, b, signal.at);
          }
          continue;
        }
        popular(signal.profileId, signal.productId, signal.at, 0.25);
        const visit = visits.get(signal.profileId);
        if (visit && Math.abs(signal.at - visit.lastAt) <= VISIT_GAP_MS) {
          for (const other of visit.products) {
            if (other === signal.productId) continue;
            pair('viewed_together', signal.productId, other, signal.at);
            pair('viewed_together', other, signal.productId, signal.at);
          }
          const products = [...visit.products.filter((p) => p !== signal.productId), signal.productId].slice(-VISIT_PRODUCTS);
          visits.set(signal.profileId, { lastAt: Math.max(visit.lastAt, signal.at), products });
        } else {
          visits.set(signal.profileId, { lastAt: signal.at, products: [signal.productId] });
        }
      }
      const half = this.settings.signalsHalfLifeMs;
      if (viewers.length > 0) {
        await client.query(
          `INSERT INTO recommendation_signal_visits (profile_id, last_at, products)
           SELECT r.profile_id, r.last_at, ARRAY(SELECT json_array_elements_text(r.products)) FROM json_to_recordset($1::json) AS r(profile_id uuid, last_at bigint, products json)
           ON CONFLICT (profile_id) DO UPDATE SET last_at = excluded.last_at, products = excluded.products`,
          [JSON.stringify(viewers.map((id) => ({ profile_id: id, last_at: visits.get(id)?.lastAt ?? 0, products: visits.get(id)?.products ?? [] })))],
        );
      }
      if (pairs.size > 0) {
        await client.query(
          `INSERT INTO recommendation_signal_pairs AS p (kind, product_id, other_id, value, at)
           SELECT r.kind, r.a, r.b, r.value, r.at FROM json_to_recordset($1::json) AS r(kind text, a text, b text, value double precision, at bigint)
           ON CONFLICT (kind, product_id, other_id) DO UPDATE SET
             value = p.value * power(0.5, (greatest(p.at, excluded.at) - p.at)::double precision / $2) + excluded.value * power(0.5, (greatest(p.at, excluded.at) - excluded.at)::double precision / $2),
             at = greatest(p.at, excluded.at)`,
          [JSON.stringify([...pairs.values()]), half],
        );
      }
      if (popularity.size > 0) {
        await client.query(
          `INSERT INTO recommendation_signal_popularity AS p (scope, product_id, value, at)
           SELECT r.scope, r.product_id, r.value, r.at FROM json_to_recordset($1::json) AS r(scope text, product_id text, value double precision, at bigint)
           ON CONFLICT (scope, product_id) DO UPDATE SET
             value = p.value * power(0.5, (greatest(p.at, excluded.at) - p.at)::double precision / $2) + excluded.value * power(0.5, (greatest(p.at, excluded.at) - excluded.at)::double precision / $2),
             at = greatest(p.at, excluded.at)`,
          [
            JSON.stringify(
              [...popularity].map(([key, score]) => {
                const [scope, product_id] = key.split('\u0000');
                return { scope, product_id, ...score };
              }),
            ),
            half,
          ],
        );
      }
      return todo.length;
    });
  }

  top(k: number, now: number): Promise<Map<string, string[]>> {
    return withPooledConnection(this.dataSource, async (client) => {
      const { rows } = await client.query<{ kind: string; product_id: string; other_id: string }>(
        `SELECT kind, product_id, other_id FROM (
           SELECT kind, product_id, other_id,
                  row_number() OVER (PARTITION BY kind, product_id ORDER BY value * power(0.5, ($1 - at)::double precision / $2) DESC, other_id) AS r
           FROM recommendation_signal_pairs) ranked
         WHERE r <= $3 ORDER BY kind, product_id, r`,
        [now, this.settings.signalsHalfLifeMs, k],
      );
      const top = new Map<string, string[]>();
      for (const row of rows) {
        const key = similarKey(row.kind, row.product_id);
        top.set(key, [...(top.get(key) ?? []), row.other_id]);
      }
      return top;
    });
  }

  popular(k: number, now: number): Promise<Map<string, string[]>> {
    return withPooledConnection(this.dataSource, async (client) => {
      const { rows } = await client.query<{ scope: string; product_id: string }>(
        `SELECT scope, product_id FROM (
           SELECT scope, product_id, row_number() OVER (PARTITION BY scope ORDER BY value * power(0.5, ($1 - at)::double precision / $2) DESC, product_id) AS r
           FROM recommendation_signal_popularity) ranked
         WHERE r <= $3 ORDER BY scope, r`,
        [now, this.settings.signalsHalfLifeMs, k],
      );
      const popular = new Map<string, string[]>();
      for (const row of rows) popular.set(row.scope, [...(popular.get(row.scope) ?? []), row.product_id]);
      return popular;
    });
  }
}
