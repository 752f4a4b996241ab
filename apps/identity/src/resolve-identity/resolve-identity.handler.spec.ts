import 'reflect-metadata';
import { type Identifier, type SegmentMessage, segmentMessageSchema, Topics, TouchpointError } from '@touchpoint/contracts';
import { EventPublisher, KafkaClient, type KafkaModuleOptions } from '@touchpoint/kafka';
import { ErasedIdentifierError } from '../domain/erasure-ledger';
import { type CachedAssignment, IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph, type ProfileIdentifiers, type Resolution, type ResolveRequest } from '../domain/identity-graph';
import { card, InMemoryErasureLedger, testIdentifierReader } from '../testing/test-identifier-reader';
import { MergeCounters } from '../metrics/merge-counters';
import { ResolveIdentityCommand } from './resolve-identity.command';
import { ResolveIdentityHandler } from './resolve-identity.handler';

const SURVIVOR = '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10';
const MERGED = '1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b';

class StubGraph extends IdentityGraph {
  readonly requests: ResolveRequest[] = [];
  failWith: Error | undefined;
  constructor(private readonly answer: Omit<Resolution, 'assignments'>) {
    super();
  }
  async resolve(request: ResolveRequest): Promise<Resolution> {
    this.requests.push(request);
    if (this.failWith) throw this.failWith;
    return { ...this.answer, assignments: request.identifiers.map((identifier) => ({ identifier, profileId: this.answer.profileId })) };
  }
  async findProfileId(): Promise<string | null> {
    return null;
  }
  async identifiersOf(): Promise<ProfileIdentifiers | null> {
    return null;
  }
}

class RecordingCache extends IdentifierCache {
  readonly updates: { assign: readonly CachedAssignment[]; invalidate: readonly Identifier[] }[] = [];
  async get(): Promise<string | null> {
    return null;
  }
  async update(assign: readonly CachedAssignment[], invalidate: readonly Identifier[]): Promise<void> {
    this.updates.push({ assign, invalidate });
  }
}

const identify: SegmentMessage = segmentMessageSchema.parse({
  type: 'identify',
  messageId: 'msg-identify',
  anonymousId: 'a-1',
  userId: 'u-1',
  traits: { loyaltyId: 'L-1' },
  timestamp: '2026-01-01T10:00:00.000Z',
  receivedAt: '2026-01-01T10:00:00.100Z',
});

const profileIdentifiers: Identifier[] = [
  { type: 'anonymousId', value: 'a-1' },
  { type: 'loyaltyId', value: card('L-1') },
  { type: 'userId', value: 'u-1' },
];

const reader = testIdentifierReader();

function setup(answer: Partial<Omit<Resolution, 'assignments'>> = {}) {
  const options: KafkaModuleOptions = { brokers: ['127.0.0.1:1'], clientId: 'spec', source: 'touchpoint/spec', topicPartitions: 1 };
  const publisher = new EventPublisher(new KafkaClient(options), options);
  const published: { topic: string; ids: string[]; values: unknown[] }[] = [];
  jest.spyOn(publisher, 'publish').mockImplementation(async (topic, events) => {
    published.push({ topic: topic.name, ids: events.map((e) => e.id), values: events.map((e) => e.value) });
    return [];
  });
  const graph = new StubGraph({ profileId: SURVIVOR, identifiers: profileIdentifiers, merges: [], refused: [], moved: [], ...answer });
  const cache = new RecordingCache();
  const ledger = new InMemoryErasureLedger();
  return { handler: new ResolveIdentityHandler(graph, cache, publisher, reader, ledger, new MergeCounters()), graph, cache, published, ledger };
}

describe('ResolveIdentityHandler', () => {
  it('resolves the extracted identifiers and publishes the resolved event under a stable id', async () => {
    const { handler, graph, published } = setup();
    await handler.execute(new ResolveIdentityCommand(identify, 'trace-1'));
    expect(graph.requests).toEqual([
      {
        messageId: 'msg-identify',
        identifiers: [
          { type: 'userId', value: 'u-1' },
          { type: 'loyaltyId', value: card('L-1') },
          { type: 'anonymousId', value: 'a-1' },
        ],
        seenAt: new Date('2026-01-01T10:00:00.000Z'),
        receivedAt: new Date('2026-01-01T10:00:00.100Z'),
        erasureKeys: [
          reader.erasureKey({ type: 'userId', value: 'u-1' }),
          reader.erasureKey({ type: 'loyaltyId', value: card('L-1') }),
          reader.erasureKey({ type: 'anonymousId', value: 'a-1' }),
        ],
      },
    ]);
    const resolved = published.find((p) => p.topic === Topics.eventsResolved.name);
    expect(resolved?.ids).toEqual(['resolved:msg-identify']);
    expect(resolved?.values).toEqual([{ profileId: SURVIVOR, identifiers: profileIdentifiers, event: identify }]);
    expect(Topics.eventsResolved.schema.safeParse(resolved?.values[0]).success).toBe(true);
  });

  it('announces merges before the resolved event, one per merged profile, from the merge log', async () => {
    const mergedAt = new Date('2026-01-01T10:00:01.000Z');
    const { handler, published } = setup({
      merges: [
        {
          mergeId: `merge:msg-identify:${MERGED}`,
          survivorProfileId: SURVIVOR,
          mergedProfileId: MERGED,
          reason: 'loyaltyId',
          linkedBy: { type: 'loyaltyId', value: card('L-1') },
          mergedAt,
          causedByMessageId: 'msg-identify',
        },
      ],
    });
    await handler.execute(new ResolveIdentityCommand(identify));
    expect(published.map((p) => p.topic)).toEqual([Topics.identityMerged.name, Topics.eventsResolved.name]);
    expect(published[0].ids).toEqual([`merge:msg-identify:${MERGED}`]);
    expect(published[0].values).toEqual([
      {
        mergeId: `merge:msg-identify:${MERGED}`,
        survivorProfileId: SURVIVOR,
        mergedProfileIds: [MERGED],
        reason: 'loyaltyId',
        identifiers: profileIdentifiers,
        mergedAt: mergedAt.toISOString(),
        causedByMessageId: 'msg-identify',
      },
    ]);
    expect(Topics.identityMerged.schema.safeParse(published[0].values[0]).success).toBe(true);
  });

  it('drops cache entries of moved identifiers and caches the event identifiers', async () => {
    const moved: Identifier[] = [{ type: 'anonymousId', value: 'a-0' }];
    const { handler, cache } = setup({ moved });
    await handler.execute(new ResolveIdentityCommand(identify));
    expect(cache.updates).toHaveLength(1);
    expect(cache.updates[0].invalidate).toEqual(moved);
    expect(cache.updates[0].assign.map((a) => a.profileId)).toEqual([SURVIVOR, SURVIVOR, SURVIVOR]);
  });

  it('refuses an event without a usable identifier with a stable code and publishes nothing', async () => {
    const { handler, graph, published } = setup();
    const placeholder = segmentMessageSchema.parse({ ...identify, anonymousId: 'anonymous', userId: 'null', traits: {} });
    const failure = handler.execute(new ResolveIdentityCommand(placeholder));
    await expect(failure).rejects.toBeInstanceOf(TouchpointError);
    await expect(failure).rejects.toMatchObject({ code: 'TP_IDENTITY_NO_IDENTIFIER' });
    expect(graph.requests).toEqual([]);
    expect(published).toEqual([]);
  });

  it('drops an event received before one of its identifiers was erased: no profile, nothing published', async () => {
    const { handler, graph, published, ledger } = setup();
    ledger.erased.set(reader.erasureKey({ type: 'anonymousId', value: 'a-1' }), { deletionId: 'd-1', erasedAt: new Date('2026-01-01T11:00:00Z') });
    await expect(handler.execute(new ResolveIdentityCommand(identify))).resolves.toBeNull();
    expect(graph.requests).toEqual([]);
    expect(published).toEqual([]);
  });

  it('lets a customer who comes back after her erasure start afresh', async () => {
    const { handler, graph, ledger } = setup();
    ledger.erased.set(reader.erasureKey({ type: 'anonymousId', value: 'a-1' }), { deletionId: 'd-1', erasedAt: new Date('2026-01-01T09:00:00Z') });
    await expect(handler.execute(new ResolveIdentityCommand(identify))).resolves.toMatchObject({ profileId: SURVIVOR });
    expect(graph.requests).toHaveLength(1);
  });

  it('drops the event when an erasure commits while the graph resolves it', async () => {
    const { handler, graph, published } = setup();
    graph.failWith = new ErasedIdentifierError({ deletionId: 'd-2', erasedAt: new Date('2026-01-01T11:00:00Z') });
    await expect(handler.execute(new ResolveIdentityCommand(identify))).resolves.toBeNull();
    expect(published).toEqual([]);
  });
});
