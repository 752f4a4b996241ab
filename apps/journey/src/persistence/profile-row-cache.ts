import type { JourneyState, JourneyView } from '@touchpoint/journey-model';

export interface CachedRow {
  readonly revision: number;
  readonly state: JourneyState | null;
  readonly view: JourneyView | null;
}

/**
 * The states and views this instance saved last, by profile, so a batch does not read and
 * parse back from Postgres what it wrote itself. Only ever trusted under the row lock and for
 * the exact revision Postgres holds, and filled only after a commit: another instance's write
 * or a rolled-back transaction can never be mistaken for the stored row. Bounded, oldest out.
 */
export class ProfileRowCache {
  private readonly rows = new Map<string, CachedRow>();

  constructor(private readonly capacity: number) {}

  /** The cached row when it is exactly the stored revision. */
  get(profileId: string, revision: number): CachedRow | null {
    const row = this.rows.get(profileId);
    if (!row || row.revision !== revision) return null;
    // Re-insert: Map order is the eviction order.
    this.rows.delete(profileId);
    this.rows.set(profileId, row);
    return row;
  }

  set(profileId: string, row: CachedRow): void {
    this.rows.delete(profileId);
    this.rows.set(profileId, row);
    while (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next().value;
      if (oldest === undefined) break;
      this.rows.delete(oldest);
    }
  }

  delete(profileIds: readonly string[]): void {
    for (const id of profileIds) this.rows.delete(id);
  }
}
