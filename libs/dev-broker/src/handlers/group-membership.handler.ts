import { ApiKey, KafkaError } from '@touchpoint/kafka-protocol';
import { type BrokerContext, type Handler, NODE_ID } from '../broker-context';
import { advertisedEndpoint } from '../network/advertised-endpoint';

export function findCoordinatorHandler(broker: BrokerContext): Handler<ApiKey.FindCoordinator> {
  return (request, context) => {
    if (request.keyType !== 0) {
      return { throttleTimeMs: 0, errorCode: KafkaError.COORDINATOR_NOT_AVAILABLE.code, errorMessage: 'transactions are not supported', nodeId: -1, host: '', port: -1 };
    }
    const { host, port } = advertisedEndpoint(broker.options.advertisedHost, broker.port(), context.localEndpoint);
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: NODE_ID, host, port };
  };
}

export function joinGroupHandler(broker: BrokerContext): Handler<ApiKey.JoinGroup> {
  return (request, context) => {
    if (request.groupId === '') {
      return { throttleTimeMs: 0, errorCode: KafkaError.INVALID_GROUP_ID.code, generationId: -1, protocolName: '', leader: '', memberId: '', members: [] };
    }
    return broker.groups.getOrCreate(request.groupId).join(request, context.version, context.clientId, context.clientHost);
  };
}

export function syncGroupHandler(broker: BrokerContext): Handler<ApiKey.SyncGroup> {
  return (request) => {
    const group = broker.groups.find(request.groupId);
    if (!group) return { throttleTimeMs: 0, errorCode: KafkaError.UNKNOWN_MEMBER_ID.code, assignment: Buffer.alloc(0) };
    return group.sync(request);
  };
}

export function heartbeatHandler(broker: BrokerContext): Handler<ApiKey.Heartbeat> {
  return (request) => {
    const group = broker.groups.find(request.groupId);
    const error = group ? group.heartbeat(request.memberId, request.generationId) : KafkaError.UNKNOWN_MEMBER_ID;
    return { throttleTimeMs: 0, errorCode: error.code };
  };
}

export function leaveGroupHandler(broker: BrokerContext): Handler<ApiKey.LeaveGroup> {
  return (request, context) => {
    const group = broker.groups.find(request.groupId);
    const members = request.members.map((member) => ({
      ...member,
      errorCode: (group ? group.leave(member.memberId) : KafkaError.UNKNOWN_MEMBER_ID).code,
    }));
    // Up to v2 a request names one member and its error is the response's. From v3 (batch
    // leave, KIP-345) each member carries its own and the top level reports only a missing
    // group, as Apache Kafka does: kafkajs's v3 parser would otherwise reject a promise
    // nobody awaits when a member the coordinator forgot (after a restart) leaves.
    const errorCode = context.version < 3 ? (members[0]?.errorCode ?? 0) : group ? 0 : KafkaError.UNKNOWN_MEMBER_ID.code;
    return { throttleTimeMs: 0, errorCode, members };
  };
}
