import { ApiKey } from '@touchpoint/kafka-protocol';
import type { BrokerContext, HandlerMap } from '../broker-context';
import { apiVersionsHandler } from './api-versions.handler';
import { deleteRecordsHandler } from './delete-records.handler';
import { fetchHandler } from './fetch.handler';
import { deleteGroupsHandler, describeGroupsHandler, listGroupsHandler } from './group-admin.handler';
import { findCoordinatorHandler, heartbeatHandler, joinGroupHandler, leaveGroupHandler, syncGroupHandler } from './group-membership.handler';
import { initProducerIdHandler } from './init-producer-id.handler';
import { listOffsetsHandler } from './list-offsets.handler';
import { metadataHandler } from './metadata.handler';
import { offsetCommitHandler, offsetFetchHandler } from './offsets.handler';
import { produceHandler } from './produce.handler';
import { createPartitionsHandler, createTopicsHandler, deleteTopicsHandler, describeConfigsHandler } from './topic-admin.handler';

export function createHandlerMap(broker: BrokerContext): HandlerMap {
  return {
    [ApiKey.Produce]: produceHandler(broker),
    [ApiKey.Fetch]: fetchHandler(broker),
    [ApiKey.ListOffsets]: listOffsetsHandler(broker),
    [ApiKey.Metadata]: metadataHandler(broker),
    [ApiKey.OffsetCommit]: offsetCommitHandler(broker),
    [ApiKey.OffsetFetch]: offsetFetchHandler(broker),
    [ApiKey.FindCoordinator]: findCoordinatorHandler(broker),
    [ApiKey.JoinGroup]: joinGroupHandler(broker),
    [ApiKey.Heartbeat]: heartbeatHandler(broker),
    [ApiKey.LeaveGroup]: leaveGroupHandler(broker),
    [ApiKey.SyncGroup]: syncGroupHandler(broker),
    [ApiKey.DescribeGroups]: describeGroupsHandler(broker),
    [ApiKey.ListGroups]: listGroupsHandler(broker),
    [ApiKey.ApiVersions]: apiVersionsHandler(),
    [ApiKey.CreateTopics]: createTopicsHandler(broker),
    [ApiKey.DeleteTopics]: deleteTopicsHandler(broker),
    [ApiKey.DeleteRecords]: deleteRecordsHandler(broker),
    [ApiKey.InitProducerId]: initProducerIdHandler(broker),
    [ApiKey.DescribeConfigs]: describeConfigsHandler(broker),
    [ApiKey.CreatePartitions]: createPartitionsHandler(broker),
    [ApiKey.DeleteGroups]: deleteGroupsHandler(broker),
  };
}
