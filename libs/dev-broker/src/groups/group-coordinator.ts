import type { Logger } from 'pino';
import { ConsumerGroup, type GroupTimings } from './consumer-group';
import { OffsetStore } from './offset-store';

/** Owns every consumer group and their committed offsets; the single node coordinates them all. */
export class GroupCoordinator {
  private readonly groups = new Map<string, ConsumerGroup>();
  readonly offsets: OffsetStore;

  constructor(
    dataDir: string,
    private readonly timings: GroupTimings,
    private readonly logger: Logger,
  ) {
    this.offsets = new OffsetStore(dataDir);
  }

  load(): void {
    this.offsets.load();
  }

  find(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId);
  }

  getOrCreate(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new ConsumerGroup(groupId, this.timings, (g, reason) =>
        this.logger.debug({ group: g.groupId, state: g.state, generation: g.generationId }, reason),
      );
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Groups with live members or committed offsets. */
  groupIds(): string[] {
    return [...new Set([...this.groups.keys(), ...this.offsets.groupIds()])];
  }

  delete(groupId: string): void {
    this.groups.get(groupId)?.shutdown();
    this.groups.delete(groupId);
    if (this.offsets.hasGroup(groupId)) this.offsets.deleteGroup(groupId);
  }

  close(): void {
    for (const group of this.groups.values()) group.shutdown();
    this.groups.clear();
    this.offsets.close();
  }
}
