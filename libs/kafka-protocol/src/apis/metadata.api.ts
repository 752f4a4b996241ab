import type { ApiDefinition } from '../api-definition';
import { ApiKey } from '../api-key';
import type { Reader } from '../primitives/reader';

/**
 * Metadata (key 3), versions 0-6.
 *
 * Request
 *   topics                     v0: array of name string (empty = all topics)
 *                              v1+: nullable array of name string (null = all topics)
 *   allow_auto_topic_creation  bool   v4+ (earlier versions always allow it)
 *
 * Response
 *   throttle_time_ms  int32                      v3+
 *   brokers           array of node_id int32, host string, port int32, rack nullable_string (v1+)
 *   cluster_id        nullable_string            v2+
 *   controller_id     int32                      v1+
 *   topics            array of
 *     error_code int16, name string, is_internal bool (v1+),
 *     partitions array of
 *       error_code int16, partition_index int32, leader_id int32,
 *       replica_nodes array of int32, isr_nodes array of int32,
 *       offline_replicas array of int32 (v5+)
 */
export interface MetadataRequest {
  /** null asks for every topic. */
  readonly topics: readonly string[] | null;
  readonly allowAutoTopicCreation: boolean;
}

export interface MetadataBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
}

export interface MetadataPartition {
  readonly errorCode: number;
  readonly partitionIndex: number;
  readonly leaderId: number;
  readonly replicaNodes: readonly number[];
  readonly isrNodes: readonly number[];
}

export interface MetadataTopic {
  readonly errorCode: number;
  readonly name: string;
  readonly isInternal: boolean;
  readonly partitions: readonly MetadataPartition[];
}

export interface MetadataResponse {
  readonly throttleTimeMs: number;
  readonly brokers: readonly MetadataBroker[];
  readonly clusterId: string | null;
  readonly controllerId: number;
  readonly topics: readonly MetadataTopic[];
}

export const metadataApi: ApiDefinition<MetadataRequest, MetadataResponse> = {
  key: ApiKey.Metadata,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 6,

  decodeRequest(reader, version) {
    const readName = (r: Reader): string => r.string();
    // The topic array only became nullable in v1; v0 says "all topics" with an empty array.
    const names = version >= 1 ? reader.nullableArray(readName) : reader.array(readName);
    const topics = version === 0 && names !== null && names.length === 0 ? null : names;
    const allowAutoTopicCreation = version >= 4 ? reader.bool() : true;
    return { topics, allowAutoTopicCreation };
  },

  encodeResponse(writer, version, response) {
    if (version >= 3) writer.int32(response.throttleTimeMs);
    writer.array(response.brokers, (w, broker) => {
      w.int32(broker.nodeId).string(broker.host).int32(broker.port);
      if (version >= 1) w.nullableString(broker.rack);
    });
    if (version >= 2) writer.nullableString(response.clusterId);
    if (version >= 1) writer.int32(response.controllerId);
    writer.array(response.topics, (w, topic) => {
      w.int16(topic.errorCode).string(topic.name);
      if (version >= 1) w.bool(topic.isInternal);
      w.array(topic.partitions, (pw, partition) => {
        pw.int16(partition.errorCode).int32(partition.partitionIndex).int32(partition.leaderId);
        pw.int32Array(partition.replicaNodes).int32Array(partition.isrNodes);
        if (version >= 5) pw.int32Array([]);
      });
    });
  },
};
