import type { JourneyState } from '@touchpoint/journey-model';
import { JourneyStateRepository, type StoredJourney } from '../journey-state/journey-state.repository';

/** The port's contract in memory: revisions count saves, so a stale save is refused. */
export class InMemoryJourneyStateRepository extends JourneyStateRepository {
  readonly states = new Map<string, { state: JourneyState; revision: number }>();
  /** Runs once before the next conditional save, to simulate a concurrent writer. */
  beforeNextSave: (() => void) | null = null;

  seed(state: JourneyState): void {
    const current = this.states.get(state.profileId);
    this.states.set(state.profileId, { state, revision: (current?.revision ?? 0) + 1 });
  }

  async read(profileId: string): Promise<StoredJourney | null> {
    const stored = this.states.get(profileId);
    return stored ? { state: stored.state, revision: String(stored.revision) } : null;
  }

  async saveIfUnchanged(state: JourneyState, revision: string | null): Promise<boolean> {
    const interfere = this.beforeNextSave;
    this.beforeNextSave = null;
    interfere?.();
    const current = this.states.get(state.profileId);
    if ((current ? String(current.revision) : null) !== revision) return false;
    this.seed(state);
    return true;
  }

  async delete(profileId: string): Promise<void> {
    this.states.delete(profileId);
  }
}
