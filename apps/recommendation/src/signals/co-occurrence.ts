/** A score that halves every `halfLifeMs`: kept as its value at `at`, brought forward on use. */
interface Decayed {
  value: number;
  at: number;
}

export interface Scored {
  readonly productId: string;
  readonly score: number;
}

export type SignalKind = 'bought_together' | 'viewed_together';

/**
 * Item-to-item co-occurrence with time decay: how often two products were bought in one basket,
 * or viewed in one visit, recent counts weighing more; and how popular each product is. Pure
 * and in memory; the service keeps its counts durably and rebuilds this from them.
 */
export class CoOccurrence {
  private readonly pairs: Record<SignalKind, Map<string, Map<string, Decayed>>> = { bought_together: new Map(), viewed_together: new Map() };
  private readonly popularity = new Map<string, Decayed>();

  constructor(private readonly halfLifeMs: number) {}

  private decayed(score: Decayed, at: number): number {
    return score.value * 0.5 ** (Math.max(0, at - score.at) / this.halfLifeMs);
  }

  private bump(score: Decayed | undefined, at: number, by: number): Decayed {
    if (!score) return { value: by, at };
    const later = Math.max(score.at, at);
    return { value: this.decayed(score, later) + by * 0.5 ** (Math.max(0, later - at) / this.halfLifeMs), at: later };
  }

  /** Products seen together (one basket, or one visit's views): every ordered pair counts once. */
  add(kind: SignalKind, productIds: readonly string[], at: number, weight = 1): void {
    const unique = [...new Set(productIds)];
    for (const a of unique) {
      this.popularity.set(a, this.bump(this.popularity.get(a), at, kind === 'bought_together' ? weight : weight / 4));
      for (const b of unique) {
        if (a === b) continue;
        const row = this.pairs[kind].get(a) ?? new Map<string, Decayed>();
        row.set(b, this.bump(row.get(b), at, weight));
        this.pairs[kind].set(a, row);
      }
    }
  }

  /** The products most often seen with `productId`, best first. */
  top(kind: SignalKind, productId: string, k: number, at: number): Scored[] {
    const row = this.pairs[kind].get(productId);
    if (!row) return [];
    return [...row].map(([id, score]) => ({ productId: id, score: this.decayed(score, at) })).sort(byScore).slice(0, k);
  }

  popular(k: number, at: number, accept: (productId: string) => boolean = () => true): Scored[] {
    return [...this.popularity]
      .filter(([id]) => accept(id))
      .map(([id, score]) => ({ productId: id, score: this.decayed(score, at) }))
      .sort(byScore)
      .slice(0, k);
  }
}

const byScore = (a: Scored, b: Scored): number => b.score - a.score || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);
