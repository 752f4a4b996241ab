/** A small seeded generator (mulberry32): the same seed gives the same shoppers on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** An index in [0, n) with probability falling as 1/(rank+1)^s: a few items take most of the picks. */
  zipf(n: number, s = 1.1): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += 1 / (i + 1) ** s;
    let target = this.next() * total;
    for (let i = 0; i < n; i++) {
      target -= 1 / (i + 1) ** s;
      if (target <= 0) return i;
    }
    return n - 1;
  }

  /** A stable id-like token from the stream. */
  token(): string {
    return this.int(0x7fffffff).toString(36).padStart(6, '0') + this.int(0x7fffffff).toString(36).padStart(6, '0');
  }
}
