import 'reflect-metadata';
import type { Identifier } from '@touchpoint/contracts';
import { EventPublisher, KafkaClient, type KafkaModuleOptions } from '@touchpoint/kafka';
import { type CachedAssignment, IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph, type ProfileIdentifiers, type Resolution } from '../domain/identity-graph';
import { type ErasureOutcome, ProfileErasure } from '../domain/profile-erasure';
import { testIdentifierReader } from '../testing/test-identifier-reader';
import { DeleteProfileCommand } from './delete-profile.command';
import { DeleteProfileHandler } from './delete-profile.handler';

const PROFILE = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const SURVIVOR = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';
const DELETION = '2c8f4b3d-0a5e-4f9b-9d7c-3b2e4f5a6b7c';
const removed: Identifier[] = [
  { type: 'userId', value: 'u-1' },
  { type: 'anonymousId', value: 'a-1' },
];

class OneProfileGraph extends IdentityGraph {
  resolve(): Promise<Resolution> {
    throw new Error('not used');
  }
  async findProfileId(identifier: Identifier): Promise<string | null> {
    return identifier.type === 'userId' && identifier.value === 'u-1' ? PROFILE : null;
  }
  async identifiersOf(): Promise<ProfileIdentifiers | null> {
    return null;
  }
}

class StubErasure extends ProfileErasure {
  readonly calls: [string, string][] = [];
  async erase(profileId: string, requestedBy: string): Promise<ErasureOutcome> {
    this.calls.push([profileId, requestedBy]);
    if (profileId === SURVIVOR) return { status: 'merged', mergedInto: PROFILE };
    if (profileId !== PROFILE) return { status: 'missing' };
    return {
      status: 'erased',
      erased: { deletionId: DELETION, profileId, mergedProfileIds: [SURVIVOR], removed, identifierCounts: { userId: 1, anonymousId: 1 }, deletedAt: new Date('2026-01-01T10:00:00Z') },
    };
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
  const erasure = new StubErasure();
  const cache = new RecordingCache();
  return { handler: new DeleteProfileHandler(new OneProfileGraph(), erasure, cache, publisher, testIdentifierReader()), erasure, cache, published };
}

describe('DeleteProfileHandler', () => {
  it('erases the profile an identifier points at, drops its cache entries and announces the deletion without identifiers', async () => {
    const { handler, erasure, cache, published } = setup();
    const view = await handler.execute(new DeleteProfileCommand({ kind: 'identifier', type: 'userId', value: ' u-1 ' }, 'ticket-1'));
    expect(erasure.calls).toEqual([[PROFILE, 'ticket-1']]);
    expect(cache.invalidated).toEqual(removed);
    expect(published).toEqual([
      {
        topic: 'tp.profile.deleted.v1',
        ids: [`deleted:${DELETION}`],
        values: [{ deletionId: DELETION, profileId: PROFILE, mergedProfileIds: [SURVIVOR], deletedAt: '2026-01-01T10:00:00.000Z' }],
      },
    ]);
    expect(view.identifierCounts).toEqual({ userId: 1, anonymousId: 1 });
  });

  it('answers TP_PROFILE_NOT_FOUND for an unknown identifier or profile, and for a merged profile names the survivor', async () => {
    const { handler, published } = setup();
    await expect(handler.execute(new DeleteProfileCommand({ kind: 'identifier', type: 'userId', value: 'u-404' }, 'x'))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    await expect(handler.execute(new DeleteProfileCommand({ kind: 'identifier', type: 'userId', value: 'anonymous' }, 'x'))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    await expect(handler.execute(new DeleteProfileCommand({ kind: 'profile', profileId: DELETION }, 'x'))).rejects.toMatchObject({ code: 'TP_PROFILE_NOT_FOUND' });
    await expect(handler.execute(new DeleteProfileCommand({ kind: 'profile', profileId: SURVIVOR }, 'x'))).rejects.toMatchObject({ details: { mergedInto: PROFILE } });
    expect(published).toEqual([]);
  });
});
