import { randomUUID } from 'node:crypto';
import {
  KafkaError,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type KafkaErrorCode,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from '@touchpoint/kafka-protocol';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupTimings {
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
}

interface Member {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly { readonly name: string; readonly metadata: Buffer }[];
  assignment: Buffer;
  awaitingJoin: ((response: JoinGroupResponse) => void) | null;
  awaitingSync: ((response: SyncGroupResponse) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
}

const EMPTY = Buffer.alloc(0);

function joinError(error: KafkaErrorCode, memberId = ''): JoinGroupResponse {
  return { throttleTimeMs: 0, errorCode: error.code, generationId: -1, protocolName: '', leader: '', memberId, members: [] };
}

function syncResult(error: KafkaErrorCode, assignment: Buffer = EMPTY): SyncGroupResponse {
  return { throttleTimeMs: 0, errorCode: error.code, assignment };
}

/**
 * The classic group membership protocol for one group: members join, the coordinator
 * waits for everyone known to rejoin (or the rebalance timeout), picks a protocol and a
 * leader, hands the leader the member list, and relays the leader's assignment to all.
 * Members that stop heartbeating are expired after their session timeout.
 */
export class ConsumerGroup {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType = '';
  protocolName = '';
  leaderId = '';
  private readonly members = new Map<string, Member>();
  /** Ids handed out with MEMBER_ID_REQUIRED that have not joined yet. */
  private readonly pendingMemberIds = new Map<string, NodeJS.Timeout>();
  private rebalanceTimer: NodeJS.Timeout | null = null;
  /** True while the first rebalance of an empty group holds for members starting together. */
  private isInitialDelay = false;

  constructor(
    readonly groupId: string,
    private readonly timings: GroupTimings,
    private readonly onChange: (group: ConsumerGroup, reason: string) => void,
  ) {}

  get memberCount(): number {
    return this.members.size;
  }

  hasMember(memberId: string): boolean {
    return this.members.has(memberId);
  }

  describeMembers(): { memberId: string; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[] {
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      metadata: m.protocols.find((p) => p.name === this.protocolName)?.metadata ?? EMPTY,
      assignment: m.assignment,
    }));
  }

  join(request: JoinGroupRequest, version: number, clientId: string, clientHost: string): Promise<JoinGroupResponse> {
    const { sessionTimeoutMs } = request;
    if (sessionTimeoutMs < this.timings.minSessionTimeoutMs || sessionTimeoutMs > this.timings.maxSessionTimeoutMs) {
      return Promise.resolve(joinError(KafkaError.INVALID_SESSION_TIMEOUT, request.memberId));
    }
    if (request.protocols.length === 0 || !this.acceptsProtocols(request)) {
      return Promise.resolve(joinError(KafkaError.INCONSISTENT_GROUP_PROTOCOL, request.memberId));
    }
    let memberId = request.memberId;
    if (memberId === '') {
      memberId = `${clientId || 'member'}-${randomUUID()}`;
      if (version >= 4) {
        // KIP-394: the new member learns its id first and joins again with it.
        this.pendingMemberIds.set(
          memberId,
          setTimeout(() => this.pendingMemberIds.delete(memberId), sessionTimeoutMs).unref(),
        );
        return Promise.resolve(joinError(KafkaError.MEMBER_ID_REQUIRED, memberId));
      }
    } else if (!this.members.has(memberId) && !this.pendingMemberIds.has(memberId)) {
      return Promise.resolve(joinError(KafkaError.UNKNOWN_MEMBER_ID, memberId));
    }
    const pending = this.pendingMemberIds.get(memberId);
    if (pending) {
      clearTimeout(pending);
      this.pendingMemberIds.delete(memberId);
    }

    return new Promise<JoinGroupResponse>((resolve) => {
      const existing = this.members.get(memberId);
      existing?.awaitingJoin?.(joinError(KafkaError.UNKNOWN_MEMBER_ID, memberId));
      const member: Member = existing ?? {
        memberId,
        groupInstanceId: request.groupInstanceId,
        clientId,
        clientHost,
        sessionTimeoutMs,
        rebalanceTimeoutMs: request.rebalanceTimeoutMs,
        protocols: request.protocols,
        assignment: EMPTY,
        awaitingJoin: null,
        awaitingSync: null,
        sessionTimer: null,
      };
      member.sessionTimeoutMs = sessionTimeoutMs;
      member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
      member.protocols = request.protocols;
      member.awaitingJoin = resolve;
      this.stopSessionTimer(member);
      if (!existing) {
        this.members.set(memberId, member);
        if (this.members.size === 1) this.protocolType = request.protocolType;
      }
      if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
      else this.prepareRebalance(existing ? `member ${memberId} rejoined` : `member ${memberId} joined`);
    });
  }

  private acceptsProtocols(request: JoinGroupRequest): boolean {
    if (this.members.size === 0 || (this.members.size === 1 && this.members.has(request.memberId))) return true;
    if (request.protocolType !== this.protocolType) return false;
    const offered = new Set(request.protocols.map((p) => p.name));
    return this.candidateProtocols().some((name) => offered.has(name));
  }

  private candidateProtocols(): string[] {
    const all = [...this.members.values()];
    if (all.length === 0) return [];
    return all[0].protocols.map((p) => p.name).filter((name) => all.every((m) => m.protocols.some((p) => p.name === name)));
  }

  private prepareRebalance(reason: string): void {
    const wasEmpty = this.state === 'Empty';
    this.state = 'PreparingRebalance';
    for (const member of this.members.values()) {
      if (member.awaitingSync) {
        member.awaitingSync(syncResult(KafkaError.REBALANCE_IN_PROGRESS));
        member.awaitingSync = null;
      }
    }
    this.onChange(this, reason);
    this.clearRebalanceTimer();
    const timeout = wasEmpty
      ? this.timings.initialRebalanceDelayMs
      : Math.max(...[...this.members.values()].map((m) => m.rebalanceTimeoutMs));
    this.isInitialDelay = wasEmpty;
    this.rebalanceTimer = setTimeout(() => this.completeJoin(), timeout);
    this.rebalanceTimer.unref();
    this.maybeCompleteJoin();
  }

  private maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance') return;
    if (this.isInitialDelay) return;
    if ([...this.members.values()].every((m) => m.awaitingJoin !== null)) this.completeJoin();
  }

  private completeJoin(): void {
    this.clearRebalanceTimer();
    this.isInitialDelay = false;
    for (const member of [...this.members.values()]) {
      if (!member.awaitingJoin) this.removeMember(member, 'did not rejoin before the rebalance timeout');
    }
    this.generationId++;
    if (this.members.size === 0) {
      this.state = 'Empty';
      this.protocolName = '';
      this.leaderId = '';
      this.onChange(this, 'no members left');
      return;
    }
    this.protocolName = this.selectProtocol();
    if (!this.members.has(this.leaderId)) this.leaderId = this.members.keys().next().value ?? '';
    this.state = 'CompletingRebalance';
    const memberList = [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.protocols.find((p) => p.name === this.protocolName)?.metadata ?? EMPTY,
    }));
    for (const member of this.members.values()) {
      const respond = member.awaitingJoin;
      member.awaitingJoin = null;
      member.assignment = EMPTY;
      this.startSessionTimer(member);
      respond?.({
        throttleTimeMs: 0,
        errorCode: KafkaError.NONE.code,
        generationId: this.generationId,
        protocolName: this.protocolName,
        leader: this.leaderId,
        memberId: member.memberId,
        members: member.memberId === this.leaderId ? memberList : [],
      });
    }
    this.onChange(this, `generation ${this.generationId} formed with ${this.members.size} member(s)`);
  }

  private selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>(candidates.map((name) => [name, 0]));
    for (const member of this.members.values()) {
      const preferred = member.protocols.find((p) => votes.has(p.name));
      if (preferred) votes.set(preferred.name, (votes.get(preferred.name) ?? 0) + 1);
    }
    return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }

  sync(request: SyncGroupRequest): Promise<SyncGroupResponse> {
    const member = this.members.get(request.memberId);
    if (!member) return Promise.resolve(syncResult(KafkaError.UNKNOWN_MEMBER_ID));
    if (request.generationId !== this.generationId) return Promise.resolve(syncResult(KafkaError.ILLEGAL_GENERATION));
    if (this.state === 'PreparingRebalance') return Promise.resolve(syncResult(KafkaError.REBALANCE_IN_PROGRESS));
    this.startSessionTimer(member);
    if (this.state === 'Stable') return Promise.resolve(syncResult(KafkaError.NONE, member.assignment));
    return new Promise((resolve) => {
      member.awaitingSync = resolve;
      if (member.memberId !== this.leaderId) return;
      const assigned = new Map(request.assignments.map((a) => [a.memberId, a.assignment]));
      this.state = 'Stable';
      for (const m of this.members.values()) {
        m.assignment = assigned.get(m.memberId) ?? EMPTY;
        m.awaitingSync?.(syncResult(KafkaError.NONE, m.assignment));
        m.awaitingSync = null;
      }
      this.onChange(this, `generation ${this.generationId} is stable`);
    });
  }

  heartbeat(memberId: string, generationId: number): KafkaErrorCode {
    const member = this.members.get(memberId);
    if (!member) return KafkaError.UNKNOWN_MEMBER_ID;
    if (this.state === 'PreparingRebalance') {
      this.startSessionTimer(member);
      return KafkaError.REBALANCE_IN_PROGRESS;
    }
    if (generationId !== this.generationId) return KafkaError.ILLEGAL_GENERATION;
    this.startSessionTimer(member);
    return KafkaError.NONE;
  }

  leave(memberId: string): KafkaErrorCode {
    const member = this.members.get(memberId);
    if (!member) return KafkaError.UNKNOWN_MEMBER_ID;
    this.removeMember(member, 'left the group');
    this.afterDeparture(`member ${memberId} left`);
    return KafkaError.NONE;
  }

  /** Validates an offset commit against membership; null means the commit may proceed. */
  commitError(memberId: string, generationId: number): KafkaErrorCode | null {
    if (generationId < 0) {
      // A commit outside group management is only allowed while nobody consumes in the group.
      return this.members.size === 0 ? null : KafkaError.UNKNOWN_MEMBER_ID;
    }
    if (this.state === 'CompletingRebalance') return KafkaError.REBALANCE_IN_PROGRESS;
    const member = this.members.get(memberId);
    if (!member) return KafkaError.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return KafkaError.ILLEGAL_GENERATION;
    this.startSessionTimer(member);
    return null;
  }

  private afterDeparture(reason: string): void {
    if (this.members.size === 0) {
      this.clearRebalanceTimer();
      this.state = 'Empty';
      this.generationId++;
      this.protocolName = '';
      this.leaderId = '';
      this.onChange(this, reason);
    } else if (this.state === 'PreparingRebalance') {
      this.maybeCompleteJoin();
    } else {
      this.prepareRebalance(reason);
    }
  }

  private removeMember(member: Member, reason: string): void {
    this.stopSessionTimer(member);
    member.awaitingJoin?.(joinError(KafkaError.UNKNOWN_MEMBER_ID, member.memberId));
    member.awaitingSync?.(syncResult(KafkaError.UNKNOWN_MEMBER_ID));
    this.members.delete(member.memberId);
    this.onChange(this, `member ${member.memberId} removed: ${reason}`);
  }

  private startSessionTimer(member: Member): void {
    this.stopSessionTimer(member);
    member.sessionTimer = setTimeout(() => {
      member.sessionTimer = null;
      if (!this.members.has(member.memberId) || member.awaitingJoin) return;
      this.removeMember(member, `session timeout of ${member.sessionTimeoutMs} ms expired`);
      this.afterDeparture(`member ${member.memberId} expired`);
    }, member.sessionTimeoutMs);
    member.sessionTimer.unref();
  }

  private stopSessionTimer(member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = null;
  }

  private clearRebalanceTimer(): void {
    if (this.rebalanceTimer) clearTimeout(this.rebalanceTimer);
    this.rebalanceTimer = null;
  }

  /** Stops every timer and fails every waiting request; used on delete and shutdown. */
  shutdown(): void {
    this.clearRebalanceTimer();
    for (const timer of this.pendingMemberIds.values()) clearTimeout(timer);
    this.pendingMemberIds.clear();
    for (const member of [...this.members.values()]) {
      this.stopSessionTimer(member);
      member.awaitingJoin?.(joinError(KafkaError.COORDINATOR_NOT_AVAILABLE, member.memberId));
      member.awaitingSync?.(syncResult(KafkaError.COORDINATOR_NOT_AVAILABLE));
    }
    this.members.clear();
    this.state = 'Dead';
  }
}
