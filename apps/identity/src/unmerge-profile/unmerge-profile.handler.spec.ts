import 'reflect-metadata';
import type { Identifier } from '@touchpoint/contracts';
import { EventPublisher, KafkaClient, type KafkaModuleOptions } from '@touchpoint/kafka';
import { type CachedAssignment, IdentifierCache } from '../domain/identifier-cache';
import type { UnmergeRecord } from '../domain/profile-history';
import { ProfileUnmerge, type UnmergeOutcome } from '../domain/profile-unmerge';
import { MergeCounters } from '../metrics/merge-counters';
import { UnmergeProfileCommand } from './unmerge-profile.command';
import { UnmergeProfileHandler } from './unmerge-profile.handler';

const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const RESTORED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const LATER = '2c8f4b3d-0a5e-4f9b-9d7c-3b2e4f5a6b7c';
const back: Identifier[] = [{ type: 'anonymousId', value: 'walk-in-web' }];
const record: UnmergeRecord = {
  unmergeId: 'unmerge:merge:m1:x',
  mergeId: 'merge:m1:x',
  survivorProfileId: SURVIVOR,
  restoredProfileId: RESTORED,
  restoredMergedProfileIds: [],
  restoredIdentifiers: back,
  linkedBy: { type: 'loyaltyId', value: 'chain-a:1001' },
  causedByMessageId: 'm1',
  causedByProfileId: RESTORED,
  requestedBy: 'ticket-1',
  unmergedAt: new Date('2026-01-01T10:00:00Z'),
};

class StubUnmerge extends ProfileUnmerge {
  async unmerge(profileId: string, mergeId: string): Promise<UnmergeOutcome> {
    if (mergeId !== record.mergeId) return { status: 'not_found' };
    if (profileId === LATER) return { status: 'conflict', reason: 'survivor_merged', blockedBy: LATER };
    return { status: 'unmerged', unmerge: record };
  }
}

class RecordingCache extends IdentifierCache {
  readonly invalidated: Identifier[] = [];
  async get(): Promise<string | null> {
    return null;
  }
  async update(_assign: readonly CachedAssignment[], invalidate: readonly Identifier[]): Promise<void> {
    this.invalidated.push(...invalidate);
  }
}

function setup() {
  const options: KafkaModuleOptions = { brokers: ['127.0.0.1:1'], clientId: 'spec', source: 'touchpoint/spec', topicPartitions: 1 };
  const publisher = new EventPublisher(new KafkaClient(options), options);
  const published: { topic: string; ids: string[]; values: unknown[] }[] = [];
  jest.spyOn(publisher, 'publish').mockImplementation(async (topic, events) => {
    published.push({ topic: topic.name, ids: events.map((e) => e.id), values: events.map((e) => e.value) });
    return [];
  });
  const cache = new RecordingCache();
  return { handler: new UnmergeProfileHandler(new StubUnmerge(), cache, publisher, new MergeCounters()), cache, published };
}

describe('UnmergeProfileHandler', () => {
  it('drops the cache entries of the identifiers that went back and announces the unmerge under its content-derived id', async () => {
    const { handler, cache, published } = setup();
    await expect(handler.execute(new UnmergeProfileCommand(SURVIVOR, record.mergeId, 'ticket-1'))).resolves.toEqual(record);
    expect(cache.invalidated).toEqual(back);
    expect(published).toEqual([
      {
        topic: 'tp.identity.unmerged.v1',
        ids: ['unmerge:merge:m1:x'],
        values: [expect.objectContaining({ survivorProfileId: SURVIVOR, restoredProfileId: RESTORED, causedByProfileId: RESTORED, unmergedAt: '2026-01-01T10:00:00.000Z' })],
      },
    ]);
  });

  it('answers TP_UNMERGE_NOT_FOUND and TP_UNMERGE_CONFLICT (naming the later survivor) and announces nothing', async () => {
    const { handler, published } = setup();
    await expect(handler.execute(new UnmergeProfileCommand(SURVIVOR, 'merge:other', 'x'))).rejects.toMatchObject({ code: 'TP_UNMERGE_NOT_FOUND' });
    await expect(handler.execute(new UnmergeProfileCommand(LATER, record.mergeId, 'x'))).rejects.toMatchObject({ code: 'TP_UNMERGE_CONFLICT', details: { blockedBy: LATER } });
    expect(published).toEqual([]);
  });
});
