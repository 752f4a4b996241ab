import type { JourneyState, JourneyView } from '@touchpoint/journey-model';
import { Client } from 'pg';

export interface StoredProfile {
  readonly profileId: string;
  readonly retiredInto: string | null;
  readonly state: JourneyState | null;
  readonly view: JourneyView | null;
  readonly revision: number;
  readonly nextDueAt: number | null;
}

/** Reads the journey's state of record directly, as a spec's independent witness of what was committed. */
export class JourneyTables {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<JourneyTables> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new JourneyTables(client);
  }

  /** Rows of the applied-entry log: one per profile and messageId. */
  async entryCount(): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>('SELECT count(*)::int AS n FROM journey_entries');
    return rows[0]?.n ?? 0;
  }

  async hasEntries(messageIds: readonly string[]): Promise<boolean> {
    const { rows } = await this.client.query<{ n: number }>('SELECT count(DISTINCT message_id)::int AS n FROM journey_entries WHERE message_id = ANY($1)', [messageIds]);
    return rows[0]?.n === new Set(messageIds).size;
  }

  async entriesPerProfile(): Promise<Map<string, number>> {
    const { rows } = await this.client.query<{ profile_id: string; n: number }>('SELECT profile_id, count(*)::int AS n FROM journey_entries GROUP BY profile_id');
    return new Map(rows.map((row) => [row.profile_id, row.n]));
  }

  /** Every row of journey_profiles, as many as there are (the primary key makes it one per id). */
  async profiles(): Promise<StoredProfile[]> {
    const { rows } = await this.client.query<{
      profile_id: string;
      retired_into: string | null;
      state: JourneyState | null;
      view: JourneyView | null;
      revision: string;
      next_due_at: string | null;
    }>('SELECT profile_id, retired_into, state, view, revision, next_due_at FROM journey_profiles ORDER BY profile_id');
    return rows.map((row) => ({
      profileId: row.profile_id,
      retiredInto: row.retired_into,
      state: row.state,
      view: row.view,
      revision: Number(row.revision),
      nextDueAt: row.next_due_at === null ? null : Number(row.next_due_at),
    }));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
