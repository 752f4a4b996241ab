import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JourneyTransitionV2, ProfilesMerged, ProfilesUnmerged } from '@touchpoint/contracts';
import {
  compareEntries,
  foldJourney,
  type JourneyDefinitions,
  type JourneyEntry,
  journeyVersions,
  preferredCopy,
} from '@touchpoint/journey-model';
import { inTransaction } from '@touchpoint/persistence';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { JOURNEY_DEFINITIONS } from '../app/journey-definitions';
import { applyInOrder, causeOf, type SettledProfile, settle } from '../journey-record/fold-profile';
import { journeyDocumentOf, type JourneyLookup } from '../journey-record/journey-document';
import { type DueTimer, type IncomingEntry, JourneyRecord, noChange, type RecordedChange } from '../journey-record/journey-record';
import { type TimelineQuery, type TimelineResult, decodeCursor } from '../journey-record/timeline';
import { timelinePage } from '../journey-record/timeline-page';
import { retiredTransition } from '../journey-record/transition-of';
import { insertEntries, moveEntries, readLogs } from './entries.sql';
import { dueProfiles, finalSurvivors, lockProfiles, type LockedRow, retireProfiles, saveProfiles } from './profile-rows.sql';
import { ProfileRowCache } from './profile-row-cache';
import { timelineRows } from './timeline.sql';
import { entriesToRestore, mergeUndone, moveSelectedEntries, recordUnmerge, unmergeApplied, unmergeRoutes, unretireProfiles } from './unmerge.sql';
import { routeAfterUnmerge, type UnmergeRouteView as UnmergeRoute } from '../unmerge-profiles/route-after-unmerge';
import { originKeyOf } from '../unmerge-profiles/origin-of-identifier';
import { recordTransitions } from './transitions.sql';

/** A merge retired a profile between reading where its ids point and locking them: start over. */
class RedirectMoved extends Error {
  override readonly name = 'RedirectMoved';
}

const MAX_REDIRECT_RETRIES = 5;

/** Profiles whose last saved state this instance keeps in memory (a few kB each). */
const ROW_CACHE_PROFILES = 5_000;

type AfterCommit = (action: () => void) => void;

function changeOf(settled: readonly SettledProfile[], extra: Partial<RecordedChange> = {}): RecordedChange {
  const transitions: JourneyTransitionV2[] = [...(extra.transitions ?? []), ...settled.flatMap((p) => (p.transition ? [p.transition] : []))];
  return {
    transitions,
    saved: settled.map(({ profileId, revision }) => ({ profileId, revision })),
    gone: extra.gone ?? [],
    profileIds: [...new Set(transitions.map((t) => t.profileId))],
  };
}

/**
 * The profile each entry is applied to: the final survivor of the id it was addressed to, unless
 * an unmerge applied since says it belongs to the restored side (identity resolved it before).
 */
async function targetsOf(client: PoolClient, incoming: readonly IncomingEntry[]): Promise<string[]> {
  const finals = await finalSurvivors(client, incoming.map((item) => item.profileId));
  const direct = incoming.map((item) => finals.get(item.profileId) ?? item.profileId);
  const routes = await unmergeRoutes(client, direct);
  if (routes.length === 0) return direct;
  const routed = incoming.map((item, index) => routeAfterUnmerge(direct[index], item.entry, routes));
  const rerouted = await finalSurvivors(client, routed.filter((target, index) => target !== direct[index]));
  return routed.map((target) => rerouted.get(target) ?? target);
}

/** What an unmerge says about entries addressed to the (final) survivor, in journey's origin keys. */
function routeOf(unmerge: ProfilesUnmerged, survivorProfileId: string): UnmergeRoute {
  return {
    survivorProfileId,
    restoredProfileId: unmerge.restoredProfileId,
    causedByMessageId: unmerge.causedByMessageId,
    causedByRestored: unmerge.causedByProfileId === unmerge.restoredProfileId,
    originKeys: unmerge.restoredIdentifiers.flatMap((identifier) => originKeyOf(identifier) ?? []),
  };
}

@Injectable()
export class PostgresJourneyRecord extends JourneyRecord {
  private readonly logger = new Logger(PostgresJourneyRecord.name);
  private readonly rows = new ProfileRowCache(ROW_CACHE_PROFILES);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOURNEY_DEFINITIONS) private readonly definitions: JourneyDefinitions,
  ) {
    super();
  }

  apply(incoming: readonly IncomingEntry[]): Promise<RecordedChange> {
    if (incoming.length === 0) return Promise.resolve(noChange);
    return this.transact(async (client, afterCommit) => {
      const targets = await targetsOf(client, incoming);
      const locked = await this.lockLive(client, [...new Set(targets)]);

      // Per final survivor, the preferred copy of each messageId in this batch.
      const batch = new Map<string, Map<string, JourneyEntry>>();
      for (const [index, item] of incoming.entries()) {
        const target = targets[index];
        // A timer read before the profile's schedule moved: its due time no longer applies.
        if (item.dueAt !== undefined && locked.get(target)?.nextDueAt !== item.dueAt) continue;
        const entries = batch.get(target) ?? new Map<string, JourneyEntry>();
        const held = entries.get(item.entry.messageId);
        entries.set(item.entry.messageId, held ? preferredCopy(held, item.entry) : item.entry);
        batch.set(target, entries);
      }
      const accepted = await insertEntries(
        client,
        [...batch].flatMap(([profileId, entries]) => [...entries.values()].map((entry) => ({ profileId, entry }))),
      );

      const acceptedBy = new Map<string, { entries: JourneyEntry[]; replaced: boolean }>();
      for (const row of accepted) {
        const entry = batch.get(row.profileId)?.get(row.messageId);
        if (!entry) continue;
        const group = acceptedBy.get(row.profileId) ?? { entries: [], replaced: false };
        group.entries.push(entry);
        group.replaced ||= !row.inserted;
        acceptedBy.set(row.profileId, group);
      }

      const settled: SettledProfile[] = [];
      const refold: string[] = [];
      const folded = new Map<string, ReturnType<typeof foldJourney>>();
      for (const [profileId, group] of acceptedBy) {
        group.entries.sort(compareEntries);
        const state = applyInOrder(profileId, locked.get(profileId)?.state ?? null, group.entries, group.replaced, this.definitions);
        if (state) folded.set(profileId, state);
        else refold.push(profileId);
      }
      const logs = await readLogs(client, refold);
      for (const profileId of refold) folded.set(profileId, foldJourney(profileId, logs.get(profileId) ?? [], this.definitions));

      for (const [profileId, state] of folded) {
        const group = acceptedBy.get(profileId);
        const profile = locked.get(profileId);
        if (!group || !profile) continue;
        settled.push(settle(profile, state, causeOf(group.entries[group.entries.length - 1]), this.definitions));
      }
      await this.save(client, settled, afterCommit);
      await recordTransitions(client, settled.flatMap((p) => (p.transition ? [p.transition] : [])));
      return changeOf(settled);
    });
  }

  merge(merge: ProfilesMerged): Promise<RecordedChange> {
    return this.transact(async (client, afterCommit) => {
      const seen = await client.query('SELECT 1 FROM journey_merges WHERE merge_id = $1', [merge.mergeId]);
      if (seen.rowCount || (await mergeUndone(client, merge.mergeId))) return noChange;
      const finals = await finalSurvivors(client, [merge.survivorProfileId, ...merge.mergedProfileIds]);
      const survivor = finals.get(merge.survivorProfileId) ?? merge.survivorProfileId;
      const toRetire: string[] = [];
      for (const id of new Set(merge.mergedProfileIds)) {
        const final = finals.get(id) ?? id;
        if (id === survivor || final === survivor) continue; // folded already (the merge arrives again, or a chain got there first)
        if (final !== id) {
          this.logger.warn(`merge ${merge.mergeId}: ${id} was merged into ${final} before, not into ${survivor}; left where it is`);
          continue;
        }
        toRetire.push(id);
      }
      const locked = await this.lockLive(client, [survivor, ...toRetire]);
      await moveEntries(client, toRetire, survivor);
      await retireProfiles(client, toRetire, survivor, merge.mergeId);
      const logs = await readLogs(client, [survivor]);
      const state = foldJourney(survivor, logs.get(survivor) ?? [], this.definitions);
      const cause = { kind: 'merge' as const, id: merge.mergeId };
      const versions = journeyVersions(this.definitions);
      const retired = toRetire.map((id) => {
        const row = locked.get(id);
        const last = row?.view && row.state ? { view: row.view, clock: row.state.clock, versions: row.state.versions } : null;
        // retireProfiles moved the row one revision on.
        return retiredTransition(id, (row?.revision ?? 0) + 1, survivor, last, versions, cause, Date.parse(merge.mergedAt));
      });
      const survivorRow = locked.get(survivor);
      const settled = survivorRow ? [settle(survivorRow, state, cause, this.definitions, toRetire)] : [];
      await this.save(client, settled, afterCommit);
      afterCommit(() => this.rows.delete(toRetire));
      const change = changeOf(settled, { transitions: retired, gone: toRetire });
      await recordTransitions(client, change.transitions);
      await client.query('INSERT INTO journey_merges (merge_id, survivor_profile_id, merged_profile_ids) VALUES ($1, $2, $3::uuid[])', [
        merge.mergeId,
        survivor,
        toRetire,
      ]);
      return change;
    });
  }

  unmerge(unmerge: ProfilesUnmerged): Promise<RecordedChange> {
    return this.transact(async (client, afterCommit) => {
      if (await unmergeApplied(client, unmerge.unmergeId, unmerge.mergeId)) return noChange;
      const restored = unmerge.restoredProfileId;
      const finals = await finalSurvivors(client, [unmerge.survivorProfileId, restored]);
      // A later merge may have folded the survivor on: its log lives in the final survivor now.
      const survivor = finals.get(unmerge.survivorProfileId) ?? unmerge.survivorProfileId;
      const locked = await lockProfiles(client, [survivor, restored, ...unmerge.restoredMergedProfileIds], this.rows);
      const survivorRow = locked.get(survivor);
      const restoredRow = locked.get(restored);
      if (!survivorRow || !restoredRow) throw new Error(`unmerge ${unmerge.unmergeId}: profiles not locked`);
      if (survivorRow.retiredInto) throw new RedirectMoved(`${survivor} was retired into ${survivorRow.retiredInto} meanwhile`);
      if (restoredRow.retiredInto && restoredRow.retiredInto !== survivor) {
        this.logger.warn(`unmerge ${unmerge.unmergeId}: ${restored} was retired into ${restoredRow.retiredInto}, not ${survivor}; left where it is`);
        await recordUnmerge(client, { ...routeOf(unmerge, survivor), unmergeId: unmerge.unmergeId, mergeId: unmerge.mergeId, movedMessageIds: [] });
        return noChange;
      }
      const route = routeOf(unmerge, survivor);
      // Arrival before its merge: nothing was retired, but events identity resolved to the survivor may still go back.
      const moved = await entriesToRestore(client, { ...route, restoredSide: [restored, ...unmerge.restoredMergedProfileIds] });
      await moveSelectedEntries(client, survivor, restored, moved);
      await unretireProfiles(client, restored, unmerge.restoredMergedProfileIds, survivor);
      const logs = await readLogs(client, [survivor, restored]);
      const cause = { kind: 'unmerge' as const, id: unmerge.unmergeId };
      const settled = [survivorRow, { ...restoredRow, retiredInto: null }].flatMap((row) => {
        const log = logs.get(row.profileId) ?? [];
        // A profile with no entry left has no journey to tell; its state stays as it was.
        return log.length > 0 ? [settle(row, foldJourney(row.profileId, log, this.definitions), cause, this.definitions)] : [];
      });
      await this.save(client, settled, afterCommit);
      const change = changeOf(settled);
      await recordTransitions(client, change.transitions);
      await recordUnmerge(client, { ...route, unmergeId: unmerge.unmergeId, mergeId: unmerge.mergeId, movedMessageIds: moved });
      return change;
    });
  }

  erase(profileIds: readonly string[]): Promise<RecordedChange> {
    return this.transact(async (client, afterCommit) => {
      const { rows } = await client.query<{ profile_id: string }>(
        'SELECT profile_id FROM journey_profiles WHERE profile_id = ANY($1::uuid[]) OR retired_into = ANY($1::uuid[])',
        [profileIds],
      );
      const ids = [...new Set([...profileIds, ...rows.map((row) => row.profile_id)])];
      await client.query('DELETE FROM journey_entries WHERE profile_id = ANY($1::uuid[])', [ids]);
      await client.query('DELETE FROM journey_transitions WHERE profile_id = ANY($1::uuid[])', [ids]);
      await client.query('DELETE FROM journey_profiles WHERE profile_id = ANY($1::uuid[])', [ids]);
      afterCommit(() => this.rows.delete(ids));
      return { ...noChange, gone: ids };
    });
  }

  refold(profileIds: readonly string[] | null, limit: number): Promise<RecordedChange> {
    return this.transact(async (client, afterCommit) => {
      const versions = journeyVersions(this.definitions);
      const ids =
        profileIds ??
        (
          await client.query<{ profile_id: string }>(
            `SELECT profile_id FROM journey_profiles WHERE state IS NOT NULL AND (reducer_version <> $1 OR definitions_version <> $2)
             ORDER BY profile_id LIMIT $3`,
            [versions.reducer, versions.definitions, limit],
          )
        ).rows.map((row) => row.profile_id);
      if (ids.length === 0) return noChange;
      const locked = await this.lockLive(client, ids);
      const logs = await readLogs(client, ids);
      const cause = { kind: 'refold' as const, id: `refold:${versions.reducer}:${versions.definitions}` };
      const settled = ids.flatMap((id) => {
        const row = locked.get(id);
        const log = logs.get(id) ?? [];
        return row && log.length > 0 ? [settle(row, foldJourney(id, log, this.definitions), cause, this.definitions)] : [];
      });
      await this.save(client, settled, afterCommit);
      await recordTransitions(client, settled.flatMap((p) => (p.transition ? [p.transition] : [])));
      return changeOf(settled);
    });
  }

  async dueTimers(now: number, limit: number): Promise<DueTimer[]> {
    return this.transact((client) => dueProfiles(client, now, limit));
  }

  async read(profileId: string): Promise<JourneyLookup> {
    return this.transact(async (client) => {
      const { rows } = await client.query<{ retired_into: string | null; state: LockedRow['state']; view: LockedRow['view']; revision: string; next_due_at: string | null }>({
        name: 'journey-read-profile',
        text: 'SELECT retired_into, state, view, revision, next_due_at FROM journey_profiles WHERE profile_id = $1',
        values: [profileId],
      });
      const row = rows[0];
      if (!row) return { kind: 'missing' };
      if (row.retired_into) return { kind: 'retired', survivorProfileId: (await finalSurvivors(client, [profileId])).get(profileId) ?? row.retired_into };
      if (!row.state || !row.view) return { kind: 'missing' };
      const nextDue = row.next_due_at === null ? null : Number(row.next_due_at);
      return { kind: 'found', document: journeyDocumentOf(row.state, row.view, Number(row.revision), nextDue) };
    });
  }

  async timeline(query: TimelineQuery): Promise<TimelineResult> {
    const found = await this.read(query.profileId);
    if (found.kind !== 'found') return found;
    const cursor = query.after === null ? null : decodeCursor(query.after);
    const rows = await this.transact((client) => timelineRows(client, query.profileId, cursor, query.limit));
    return timelinePage(rows, query.limit);
  }

  /** Locks the profiles; none may have been retired since their redirects were read. */
  private async lockLive(client: PoolClient, profileIds: readonly string[]): Promise<Map<string, LockedRow>> {
    const locked = await lockProfiles(client, profileIds, this.rows);
    for (const row of locked.values()) if (row.retiredInto) throw new RedirectMoved(`${row.profileId} was retired into ${row.retiredInto} meanwhile`);
    return locked;
  }

  /** One transaction, started over when a redirect moved under it; `afterCommit` actions run once it committed. */
  private async transact<T>(work: (client: PoolClient, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const actions: (() => void)[] = [];
      try {
        const result = await inTransaction(this.dataSource, (client) => {
          actions.length = 0;
          return work(client, (action) => actions.push(action));
        });
        for (const action of actions) action();
        return result;
      } catch (error) {
        if (!(error instanceof RedirectMoved) || attempt >= MAX_REDIRECT_RETRIES) throw error;
      }
    }
  }

  /** Saves the settled profiles and remembers them once the transaction committed. */
  private async save(client: PoolClient, settled: readonly SettledProfile[], afterCommit: AfterCommit): Promise<void> {
    await saveProfiles(client, settled);
    afterCommit(() => {
      for (const p of settled) this.rows.set(p.profileId, { revision: p.revision, state: p.state, view: p.view });
    });
  }
}
