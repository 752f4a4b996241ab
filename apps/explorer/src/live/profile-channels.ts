import type { LiveEvent } from '../explorer-api/explorer-api';

export type LiveListener = (event: LiveEvent) => void;

/** Who is watching which profile: each live page gets the events of its profile only. */
export class ProfileChannels {
  private readonly listeners = new Map<string, Set<LiveListener>>();

  subscribe(profileId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(profileId);
    if (!set) {
      set = new Set();
      this.listeners.set(profileId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(profileId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(profileId);
    };
  }

  publish(profileId: string, event: LiveEvent): void {
    for (const listener of this.listeners.get(profileId) ?? []) listener(event);
  }

  watchers(profileId: string): number {
    return this.listeners.get(profileId)?.size ?? 0;
  }
}
