import { KafkaError, type JoinGroupRequest, type JoinGroupResponse, type SyncGroupResponse } from '@touchpoint/kafka-protocol';
import { ConsumerGroup, type GroupTimings } from './consumer-group';

const TIMINGS: GroupTimings = { initialRebalanceDelayMs: 300, minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 300_000 };
const SESSION_MS = 10_000;
const REBALANCE_MS = 30_000;

function metadataOf(memberId: string): Buffer {
  return Buffer.from(`subscription of ${memberId}`);
}

function joinRequest(memberId: string, overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    sessionTimeoutMs: SESSION_MS,
    rebalanceTimeoutMs: REBALANCE_MS,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: metadataOf(memberId) }],
    ...overrides,
  };
}

/** A promise plus a synchronous view of whether it has settled yet. */
interface Pending<T> {
  readonly promise: Promise<T>;
  settled(): T | undefined;
}

function track<T>(promise: Promise<T>): Pending<T> {
  let value: T | undefined;
  void promise.then((v) => {
    value = v;
  });
  return { promise, settled: () => value };
}

/** Lets already-resolved promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('ConsumerGroup', () => {
  let group: ConsumerGroup;
  let changes: string[];

  beforeEach(() => {
    jest.useFakeTimers();
    changes = [];
    group = new ConsumerGroup('g', TIMINGS, (_group, reason) => changes.push(reason));
  });

  afterEach(() => {
    group.shutdown();
    jest.useRealTimers();
  });

  /** KIP-394: a v4+ client's first join hands out the member id. */
  async function memberId(clientId: string): Promise<string> {
    const response = await group.join(joinRequest(''), 5, clientId, '/127.0.0.1');
    expect(response.errorCode).toBe(KafkaError.MEMBER_ID_REQUIRED.code);
    expect(response.memberId).toMatch(new RegExp(`^${clientId}-`));
    return response.memberId;
  }

  function join(id: string, overrides: Partial<JoinGroupRequest> = {}): Pending<JoinGroupResponse> {
    return track(group.join(joinRequest(id, overrides), 5, 'client', '/127.0.0.1'));
  }

  function sync(id: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[] = []): Pending<SyncGroupResponse> {
    return track(group.sync({ groupId: 'g', generationId, memberId: id, groupInstanceId: null, assignments }));
  }

  /** Three members join together, wait out the initial delay, and sync; returns their ids (leader first). */
  async function stableGroupOfThree(): Promise<{ ids: string[]; generation: number }> {
    const ids = [await memberId('a'), await memberId('b'), await memberId('c')];
    const joins = ids.map((id) => join(id));
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    const responses = await Promise.all(joins.map((j) => j.promise));
    const generation = responses[0].generationId;
    const syncs = ids.map((id, i) => sync(id, generation, i === 0 ? ids.map((m) => ({ memberId: m, assignment: Buffer.from(`to ${m}`) })) : []));
    await Promise.all(syncs.map((s) => s.promise));
    expect(group.state).toBe('Stable');
    return { ids, generation };
  }

  it('hands a v4+ client with an empty member id MEMBER_ID_REQUIRED, then lets that id join', async () => {
    const id = await memberId('consumer-1');
    expect(group.memberCount).toBe(0);
    expect(group.state).toBe('Empty');

    const joined = join(id);
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    const response = await joined.promise;
    expect(response.errorCode).toBe(0);
    expect(response.memberId).toBe(id);
    expect(response.leader).toBe(id);
    expect(response.generationId).toBe(1);
    expect(group.hasMember(id)).toBe(true);

    // An id the group never handed out is refused.
    const stranger = await group.join(joinRequest('made-up-id'), 5, 'x', '/127.0.0.1');
    expect(stranger.errorCode).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);
  });

  it('forgets a handed-out member id that does not join within the session timeout', async () => {
    const id = await memberId('slow');
    jest.advanceTimersByTime(SESSION_MS);
    const late = await group.join(joinRequest(id), 5, 'slow', '/127.0.0.1');
    expect(late.errorCode).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);
    expect(group.memberCount).toBe(0);
  });

  it('lets a pre-v4 client join straight away with an empty member id', async () => {
    const joined = track(group.join(joinRequest(''), 3, 'old-client', '/127.0.0.1'));
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    const response = await joined.promise;
    expect(response.errorCode).toBe(0);
    expect(response.memberId).toMatch(/^old-client-/);
    expect(group.hasMember(response.memberId)).toBe(true);
  });

  it('forms one generation from members joining together; only the leader gets the member list', async () => {
    const ids = [await memberId('a'), await memberId('b'), await memberId('c')];
    const joins = ids.map((id) => join(id));
    await flush();
    expect(joins.map((j) => j.settled())).toEqual([undefined, undefined, undefined]);
    expect(group.state).toBe('PreparingRebalance');

    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    const responses = await Promise.all(joins.map((j) => j.promise));
    expect(responses.map((r) => r.errorCode)).toEqual([0, 0, 0]);
    expect(new Set(responses.map((r) => r.generationId))).toEqual(new Set([1]));
    expect(new Set(responses.map((r) => r.leader))).toEqual(new Set([ids[0]]));
    expect(responses.map((r) => r.protocolName)).toEqual(['range', 'range', 'range']);
    expect(responses.map((r) => r.memberId)).toEqual(ids);

    const leader = responses[0];
    expect(leader.members.map((m) => m.memberId).sort()).toEqual([...ids].sort());
    for (const member of leader.members) expect(member.metadata).toEqual(metadataOf(member.memberId));
    expect(responses[1].members).toEqual([]);
    expect(responses[2].members).toEqual([]);
    expect(group.state).toBe('CompletingRebalance');
    expect(group.generationId).toBe(1);
  });

  it('relays the leader’s assignments to every member on sync', async () => {
    const ids = [await memberId('a'), await memberId('b'), await memberId('c')];
    const joins = ids.map((id) => join(id));
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    await Promise.all(joins.map((j) => j.promise));

    const early = sync(ids[1], 1);
    await flush();
    expect(early.settled()).toBeUndefined();

    const leader = sync(ids[0], 1, ids.map((id) => ({ memberId: id, assignment: Buffer.from(`partitions for ${id}`) })));
    const late = sync(ids[2], 1);
    const [leaderResult, earlyResult, lateResult] = await Promise.all([leader.promise, early.promise, late.promise]);
    expect(leaderResult).toMatchObject({ errorCode: 0, assignment: Buffer.from(`partitions for ${ids[0]}`) });
    expect(earlyResult).toMatchObject({ errorCode: 0, assignment: Buffer.from(`partitions for ${ids[1]}`) });
    expect(lateResult).toMatchObject({ errorCode: 0, assignment: Buffer.from(`partitions for ${ids[2]}`) });
    expect(group.state).toBe('Stable');
    expect(group.describeMembers().find((m) => m.memberId === ids[2])?.assignment).toEqual(Buffer.from(`partitions for ${ids[2]}`));

    expect((await sync(ids[1], 0).promise).errorCode).toBe(KafkaError.ILLEGAL_GENERATION.code);
    expect((await sync('nobody', 1).promise).errorCode).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);
  });

  it('answers heartbeats: 0 when stable, 25 for an unknown member, 22 for a wrong generation', async () => {
    const { ids, generation } = await stableGroupOfThree();
    expect(group.heartbeat(ids[1], generation).code).toBe(0);
    expect(group.heartbeat('who-is-this', generation).code).toBe(25);
    expect(group.heartbeat(ids[1], generation - 1).code).toBe(22);
    expect(group.heartbeat(ids[1], generation + 1).code).toBe(22);
  });

  it('rebalances when a new member joins a stable group; the next generation has everybody who rejoined', async () => {
    const { ids, generation } = await stableGroupOfThree();
    const newcomer = await memberId('d');
    expect(group.state).toBe('Stable');
    const newcomerJoin = join(newcomer);
    await flush();
    expect(group.state).toBe('PreparingRebalance');
    expect(newcomerJoin.settled()).toBeUndefined();

    for (const id of ids) expect(group.heartbeat(id, generation).code).toBe(KafkaError.REBALANCE_IN_PROGRESS.code);
    const rejoins = ids.map((id) => join(id));
    await flush();
    // Everybody known has rejoined, so the generation forms without waiting for the timeout.
    const responses = await Promise.all([...rejoins, newcomerJoin].map((j) => j.promise));
    expect(responses.map((r) => r.errorCode)).toEqual([0, 0, 0, 0]);
    expect(new Set(responses.map((r) => r.generationId))).toEqual(new Set([generation + 1]));
    const leader = responses.find((r) => r.members.length > 0);
    expect(leader?.memberId).toBe(ids[0]);
    expect(leader?.members.map((m) => m.memberId).sort()).toEqual([...ids, newcomer].sort());
    expect(responses.filter((r) => r.members.length === 0)).toHaveLength(3);
  });

  it('drops members that do not rejoin before the rebalance timeout', async () => {
    const { ids, generation } = await stableGroupOfThree();
    const newcomer = await memberId('d');
    const newcomerJoin = join(newcomer);
    const rejoin = join(ids[0]);
    // ids[1] and ids[2] keep heartbeating but never rejoin.
    for (let elapsed = 0; elapsed < REBALANCE_MS; elapsed += 3000) {
      expect(group.heartbeat(ids[1], generation).code).toBe(27);
      expect(group.heartbeat(ids[2], generation).code).toBe(27);
      jest.advanceTimersByTime(3000);
    }
    const [first, second] = await Promise.all([rejoin.promise, newcomerJoin.promise]);
    expect(first.generationId).toBe(generation + 1);
    expect(second.generationId).toBe(generation + 1);
    expect(first.members.map((m) => m.memberId).sort()).toEqual([ids[0], newcomer].sort());
    expect(group.hasMember(ids[1])).toBe(false);
    expect(group.heartbeat(ids[1], generation + 1).code).toBe(25);
  });

  it('removes a member whose session times out and rebalances the rest', async () => {
    const { ids, generation } = await stableGroupOfThree();
    // ids[2] goes silent; the others heartbeat every 3 s.
    for (let elapsed = 0; elapsed < SESSION_MS - 3000; elapsed += 3000) {
      jest.advanceTimersByTime(3000);
      expect(group.heartbeat(ids[0], generation).code).toBe(0);
      expect(group.heartbeat(ids[1], generation).code).toBe(0);
    }
    expect(group.hasMember(ids[2])).toBe(true);
    jest.advanceTimersByTime(3000);
    expect(group.hasMember(ids[2])).toBe(false);
    expect(group.memberCount).toBe(2);
    expect(group.state).toBe('PreparingRebalance');
    expect(changes.some((c) => c.includes(ids[2]) && c.includes('session timeout'))).toBe(true);

    expect(group.heartbeat(ids[0], generation).code).toBe(27);
    const rejoins = [join(ids[0]), join(ids[1])];
    const responses = await Promise.all(rejoins.map((j) => j.promise));
    expect(responses.map((r) => r.generationId)).toEqual([generation + 1, generation + 1]);
    expect(responses[0].members.map((m) => m.memberId).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('removes a member that leaves, and becomes Empty when the last one leaves', async () => {
    const { ids, generation } = await stableGroupOfThree();
    expect(group.leave(ids[1]).code).toBe(0);
    expect(group.hasMember(ids[1])).toBe(false);
    expect(group.memberCount).toBe(2);
    expect(group.state).toBe('PreparingRebalance');
    expect(group.leave(ids[1]).code).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);

    const rejoins = [join(ids[0]), join(ids[2])];
    const responses = await Promise.all(rejoins.map((j) => j.promise));
    expect(responses[0].generationId).toBe(generation + 1);
    expect(responses[0].members.map((m) => m.memberId).sort()).toEqual([ids[0], ids[2]].sort());

    expect(group.leave(ids[0]).code).toBe(0);
    expect(group.leave(ids[2]).code).toBe(0);
    expect(group.memberCount).toBe(0);
    expect(group.state).toBe('Empty');
  });

  it('validates offset commits against membership', async () => {
    // Nobody in the group: a simple (generation -1) commit is allowed.
    expect(group.commitError('', -1)).toBeNull();

    const ids = [await memberId('a'), await memberId('b')];
    const joins = ids.map((id) => join(id));
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    await Promise.all(joins.map((j) => j.promise));
    expect(group.state).toBe('CompletingRebalance');
    expect(group.commitError(ids[0], 1)?.code).toBe(KafkaError.REBALANCE_IN_PROGRESS.code);
    expect(group.commitError('', -1)?.code).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);

    const syncs = [sync(ids[0], 1, []), sync(ids[1], 1)];
    await Promise.all(syncs.map((s) => s.promise));
    expect(group.state).toBe('Stable');
    expect(group.commitError(ids[0], 1)).toBeNull();
    expect(group.commitError(ids[1], 0)?.code).toBe(KafkaError.ILLEGAL_GENERATION.code);
    expect(group.commitError('stranger', 1)?.code).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);
    expect(group.commitError(ids[0], -1)?.code).toBe(KafkaError.UNKNOWN_MEMBER_ID.code);

    group.leave(ids[0]);
    group.leave(ids[1]);
    expect(group.commitError('', -1)).toBeNull();
  });

  it('rejects a session timeout outside the configured range with INVALID_SESSION_TIMEOUT', async () => {
    const tooShort = await group.join(joinRequest('', { sessionTimeoutMs: TIMINGS.minSessionTimeoutMs - 1 }), 5, 'c', '/h');
    const tooLong = await group.join(joinRequest('', { sessionTimeoutMs: TIMINGS.maxSessionTimeoutMs + 1 }), 5, 'c', '/h');
    expect(tooShort.errorCode).toBe(26);
    expect(tooLong.errorCode).toBe(26);
    const atMin = await group.join(joinRequest('', { sessionTimeoutMs: TIMINGS.minSessionTimeoutMs }), 5, 'c', '/h');
    expect(atMin.errorCode).toBe(KafkaError.MEMBER_ID_REQUIRED.code);
    expect(group.memberCount).toBe(0);
  });

  it('rejects protocols that do not overlap the group’s with INCONSISTENT_GROUP_PROTOCOL', async () => {
    const first = await memberId('a');
    const joined = join(first, { protocols: [{ name: 'range', metadata: Buffer.alloc(0) }, { name: 'cooperative-sticky', metadata: Buffer.alloc(0) }] });
    jest.advanceTimersByTime(TIMINGS.initialRebalanceDelayMs);
    await joined.promise;

    const disjoint = await group.join(joinRequest('', { protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }), 5, 'b', '/h');
    expect(disjoint.errorCode).toBe(23);
    const otherType = await group.join(joinRequest('', { protocolType: 'connect' }), 5, 'b', '/h');
    expect(otherType.errorCode).toBe(23);
    const none = await group.join(joinRequest('', { protocols: [] }), 5, 'b', '/h');
    expect(none.errorCode).toBe(23);

    const overlapping = await group.join(joinRequest('', { protocols: [{ name: 'cooperative-sticky', metadata: Buffer.alloc(0) }] }), 5, 'b', '/h');
    expect(overlapping.errorCode).toBe(KafkaError.MEMBER_ID_REQUIRED.code);
    expect(group.memberCount).toBe(1);
  });
});
