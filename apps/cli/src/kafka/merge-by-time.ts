import type { ReadMessage } from './partition-reader';

/**
 * Interleaves partitions read in offset order into one stream by record timestamp (ties by
 * partition), pulling one record ahead per partition: a customer's story across partitions
 * reads in time order, and nothing is buffered beyond one record per partition.
 */
export async function* mergeByTime(streams: readonly AsyncIterator<ReadMessage>[]): AsyncGenerator<ReadMessage> {
  const heads: (ReadMessage | null)[] = [];
  for (const stream of streams) {
    const next = await stream.next();
    heads.push(next.done ? null : next.value);
  }
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      const chosen = best >= 0 ? heads[best] : null;
      if (head && (!chosen || BigInt(head.message.timestamp) < BigInt(chosen.message.timestamp))) best = i;
    }
    const record = best >= 0 ? heads[best] : null;
    const stream = streams[best];
    if (!record || !stream) return;
    yield record;
    const next = await stream.next();
    heads[best] = next.done ? null : next.value;
  }
}
