import type { ApiDefinition } from './api-definition';
import { ApiKey } from './api-key';
import { apiVersionsApi } from './apis/api-versions.api';
import { createPartitionsApi } from './apis/create-partitions.api';
import { createTopicsApi } from './apis/create-topics.api';
import { deleteGroupsApi } from './apis/delete-groups.api';
import { deleteRecordsApi } from './apis/delete-records.api';
import { deleteTopicsApi } from './apis/delete-topics.api';
import { describeConfigsApi } from './apis/describe-configs.api';
import { describeGroupsApi } from './apis/describe-groups.api';
import { fetchApi } from './apis/fetch.api';
import { findCoordinatorApi } from './apis/find-coordinator.api';
import { heartbeatApi } from './apis/heartbeat.api';
import { initProducerIdApi } from './apis/init-producer-id.api';
import { joinGroupApi } from './apis/join-group.api';
import { leaveGroupApi } from './apis/leave-group.api';
import { listGroupsApi } from './apis/list-groups.api';
import { listOffsetsApi } from './apis/list-offsets.api';
import { metadataApi } from './apis/metadata.api';
import { offsetCommitApi } from './apis/offset-commit.api';
import { offsetFetchApi } from './apis/offset-fetch.api';
import { produceApi } from './apis/produce.api';
import { syncGroupApi } from './apis/sync-group.api';

/** Every API the broker side can decode, keyed by the enum so handlers stay typed. */
export const apis = {
  [ApiKey.Produce]: produceApi,
  [ApiKey.Fetch]: fetchApi,
  [ApiKey.ListOffsets]: listOffsetsApi,
  [ApiKey.Metadata]: metadataApi,
  [ApiKey.OffsetCommit]: offsetCommitApi,
  [ApiKey.OffsetFetch]: offsetFetchApi,
  [ApiKey.FindCoordinator]: findCoordinatorApi,
  [ApiKey.JoinGroup]: joinGroupApi,
  [ApiKey.Heartbeat]: heartbeatApi,
  [ApiKey.LeaveGroup]: leaveGroupApi,
  [ApiKey.SyncGroup]: syncGroupApi,
  [ApiKey.DescribeGroups]: describeGroupsApi,
  [ApiKey.ListGroups]: listGroupsApi,
  [ApiKey.ApiVersions]: apiVersionsApi,
  [ApiKey.CreateTopics]: createTopicsApi,
  [ApiKey.DeleteTopics]: deleteTopicsApi,
  [ApiKey.DeleteRecords]: deleteRecordsApi,
  [ApiKey.InitProducerId]: initProducerIdApi,
  [ApiKey.DescribeConfigs]: describeConfigsApi,
  [ApiKey.CreatePartitions]: createPartitionsApi,
  [ApiKey.DeleteGroups]: deleteGroupsApi,
} as const;

export type SupportedApiKey = keyof typeof apis;
export type ApiFor<K extends SupportedApiKey> = (typeof apis)[K];

export function findApi(key: number): ApiDefinition<unknown, unknown> | undefined {
  return (apis as Partial<Record<number, ApiDefinition<unknown, unknown>>>)[key];
}

export function supportedVersionRanges(): { apiKey: number; minVersion: number; maxVersion: number }[] {
  return Object.values(apis).map((api) => ({ apiKey: api.key, minVersion: api.minVersion, maxVersion: api.maxVersion }));
}
