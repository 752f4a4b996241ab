import fs from 'node:fs';
import path from 'node:path';

export interface CommittedOffset {
  readonly offset: number;
  readonly metadata: string | null;
}

type OffsetLine =
  | { readonly g: string; readonly t: string; readonly p: number; readonly o: number; readonly m: string | null }
  | { readonly g: string; readonly deleted: true };

/**
 * Committed consumer-group offsets, kept in memory and in an append-only JSON-lines
 * file (the dev broker's __consumer_offsets). Each commit is written before it is
 * acknowledged; the file is compacted at start.
 */
export class OffsetStore {
  private readonly groups = new Map<string, Map<string, CommittedOffset>>();
  private readonly file: string;
  private fd: number | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'consumer-offsets.jsonl');
  }

  private static key(topic: string, partition: number): string {
    return `${partition}\u0000${topic}`;
  }

  load(): void {
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: OffsetLine;
        try {
          entry = JSON.parse(line) as OffsetLine;
        } catch {
          // The last line of a crashed write: it was never acknowledged.
          continue;
        }
        if ('deleted' in entry) this.groups.delete(entry.g);
        else this.put(entry.g, entry.t, entry.p, { offset: entry.o, metadata: entry.m });
      }
    }
    const compacted = [...this.groups].flatMap(([group, offsets]) =>
      [...offsets].map(([key, value]) => {
        const [partition, topic] = key.split('\u0000');
        return `${JSON.stringify({ g: group, t: topic, p: Number(partition), o: value.offset, m: value.metadata })}\n`;
      }),
    );
    fs.writeFileSync(`${this.file}.tmp`, compacted.join(''));
    fs.renameSync(`${this.file}.tmp`, this.file);
    this.fd = fs.openSync(this.file, 'a');
  }

  private put(group: string, topic: string, partition: number, value: CommittedOffset): void {
    let offsets = this.groups.get(group);
    if (!offsets) {
      offsets = new Map();
      this.groups.set(group, offsets);
    }
    offsets.set(OffsetStore.key(topic, partition), value);
  }

  private appendLines(lines: readonly OffsetLine[]): void {
    if (this.fd === null) throw new Error('offset store is not loaded');
    fs.writeSync(this.fd, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  }

  commit(group: string, commits: readonly { topic: string; partition: number; offset: number; metadata: string | null }[]): void {
    this.appendLines(commits.map((c) => ({ g: group, t: c.topic, p: c.partition, o: c.offset, m: c.metadata })));
    for (const c of commits) this.put(group, c.topic, c.partition, { offset: c.offset, metadata: c.metadata });
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(group)?.get(OffsetStore.key(topic, partition));
  }

  /** Every committed partition of a group, grouped by topic. */
  all(group: string): Map<string, { partition: number; committed: CommittedOffset }[]> {
    const byTopic = new Map<string, { partition: number; committed: CommittedOffset }[]>();
    for (const [key, committed] of this.groups.get(group) ?? []) {
      const [partition, topic] = key.split('\u0000');
      const list = byTopic.get(topic) ?? [];
      list.push({ partition: Number(partition), committed });
      byTopic.set(topic, list);
    }
    return byTopic;
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  deleteGroup(group: string): void {
    this.appendLines([{ g: group, deleted: true }]);
    this.groups.delete(group);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
