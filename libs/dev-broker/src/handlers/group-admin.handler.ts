import { ApiKey, KafkaError } from '@touchpoint/kafka-protocol';
import type { BrokerContext, Handler } from '../broker-context';

export function describeGroupsHandler(broker: BrokerContext): Handler<ApiKey.DescribeGroups> {
  return (request) => ({
    throttleTimeMs: 0,
    groups: request.groups.map((groupId) => {
      const group = broker.groups.find(groupId);
      if (!group) {
        // Kafka describes an unknown group as Dead rather than failing.
        const state = broker.groups.offsets.hasGroup(groupId) ? 'Empty' : 'Dead';
        return { errorCode: 0, groupId, groupState: state, protocolType: state === 'Empty' ? 'consumer' : '', protocolData: '', members: [] };
      }
      return {
        errorCode: 0,
        groupId,
        groupState: group.state,
        protocolType: group.protocolType,
        protocolData: group.protocolName,
        members: group.describeMembers().map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.metadata,
          memberAssignment: m.assignment,
        })),
      };
    }),
  });
}

export function listGroupsHandler(broker: BrokerContext): Handler<ApiKey.ListGroups> {
  return () => ({
    throttleTimeMs: 0,
    errorCode: 0,
    groups: broker.groups.groupIds().map((groupId) => ({ groupId, protocolType: broker.groups.find(groupId)?.protocolType || 'consumer' })),
  });
}

export function deleteGroupsHandler(broker: BrokerContext): Handler<ApiKey.DeleteGroups> {
  return (request) => ({
    throttleTimeMs: 0,
    results: request.groupNames.map((groupId) => {
      const group = broker.groups.find(groupId);
      if (!group && !broker.groups.offsets.hasGroup(groupId)) return { groupId, errorCode: KafkaError.GROUP_ID_NOT_FOUND.code };
      if (group && group.memberCount > 0) return { groupId, errorCode: KafkaError.NON_EMPTY_GROUP.code };
      broker.groups.delete(groupId);
      return { groupId, errorCode: 0 };
    }),
  });
}
