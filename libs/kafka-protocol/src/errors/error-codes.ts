export interface KafkaErrorCode {
  readonly code: number;
  readonly name: string;
  readonly retriable: boolean;
}

/** The subset of Kafka's error table that the dev broker can answer with. */
export const KafkaError = {
  NONE: { code: 0, name: 'NONE', retriable: false },
  UNKNOWN_SERVER_ERROR: { code: -1, name: 'UNKNOWN_SERVER_ERROR', retriable: false },
  OFFSET_OUT_OF_RANGE: { code: 1, name: 'OFFSET_OUT_OF_RANGE', retriable: false },
  CORRUPT_MESSAGE: { code: 2, name: 'CORRUPT_MESSAGE', retriable: true },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true },
  INVALID_FETCH_SIZE: { code: 4, name: 'INVALID_FETCH_SIZE', retriable: false },
  LEADER_NOT_AVAILABLE: { code: 5, name: 'LEADER_NOT_AVAILABLE', retriable: true },
  NOT_LEADER_OR_FOLLOWER: { code: 6, name: 'NOT_LEADER_OR_FOLLOWER', retriable: true },
  REQUEST_TIMED_OUT: { code: 7, name: 'REQUEST_TIMED_OUT', retriable: true },
  MESSAGE_TOO_LARGE: { code: 10, name: 'MESSAGE_TOO_LARGE', retriable: false },
  OFFSET_METADATA_TOO_LARGE: { code: 12, name: 'OFFSET_METADATA_TOO_LARGE', retriable: false },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, name: 'COORDINATOR_LOAD_IN_PROGRESS', retriable: true },
  COORDINATOR_NOT_AVAILABLE: { code: 15, name: 'COORDINATOR_NOT_AVAILABLE', retriable: true },
  NOT_COORDINATOR: { code: 16, name: 'NOT_COORDINATOR', retriable: true },
  INVALID_TOPIC_EXCEPTION: { code: 17, name: 'INVALID_TOPIC_EXCEPTION', retriable: false },
  RECORD_LIST_TOO_LARGE: { code: 18, name: 'RECORD_LIST_TOO_LARGE', retriable: false },
  INVALID_REQUIRED_ACKS: { code: 21, name: 'INVALID_REQUIRED_ACKS', retriable: false },
  ILLEGAL_GENERATION: { code: 22, name: 'ILLEGAL_GENERATION', retriable: false },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, name: 'INCONSISTENT_GROUP_PROTOCOL', retriable: false },
  INVALID_GROUP_ID: { code: 24, name: 'INVALID_GROUP_ID', retriable: false },
  UNKNOWN_MEMBER_ID: { code: 25, name: 'UNKNOWN_MEMBER_ID', retriable: false },
  INVALID_SESSION_TIMEOUT: { code: 26, name: 'INVALID_SESSION_TIMEOUT', retriable: false },
  REBALANCE_IN_PROGRESS: { code: 27, name: 'REBALANCE_IN_PROGRESS', retriable: false },
  INVALID_COMMIT_OFFSET_SIZE: { code: 28, name: 'INVALID_COMMIT_OFFSET_SIZE', retriable: false },
  INVALID_TIMESTAMP: { code: 32, name: 'INVALID_TIMESTAMP', retriable: false },
  UNSUPPORTED_VERSION: { code: 35, name: 'UNSUPPORTED_VERSION', retriable: false },
  TOPIC_ALREADY_EXISTS: { code: 36, name: 'TOPIC_ALREADY_EXISTS', retriable: false },
  INVALID_PARTITIONS: { code: 37, name: 'INVALID_PARTITIONS', retriable: false },
  INVALID_REPLICATION_FACTOR: { code: 38, name: 'INVALID_REPLICATION_FACTOR', retriable: false },
  INVALID_REQUEST: { code: 42, name: 'INVALID_REQUEST', retriable: false },
  UNSUPPORTED_FOR_MESSAGE_FORMAT: { code: 43, name: 'UNSUPPORTED_FOR_MESSAGE_FORMAT', retriable: false },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, name: 'OUT_OF_ORDER_SEQUENCE_NUMBER', retriable: false },
  POLICY_VIOLATION: { code: 44, name: 'POLICY_VIOLATION', retriable: false },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, name: 'DUPLICATE_SEQUENCE_NUMBER', retriable: false },
  INVALID_PRODUCER_EPOCH: { code: 47, name: 'INVALID_PRODUCER_EPOCH', retriable: false },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { code: 53, name: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', retriable: false },
  UNKNOWN_PRODUCER_ID: { code: 59, name: 'UNKNOWN_PRODUCER_ID', retriable: false },
  INVALID_CONFIG: { code: 40, name: 'INVALID_CONFIG', retriable: false },
  NON_EMPTY_GROUP: { code: 68, name: 'NON_EMPTY_GROUP', retriable: false },
  GROUP_ID_NOT_FOUND: { code: 69, name: 'GROUP_ID_NOT_FOUND', retriable: false },
  UNSUPPORTED_COMPRESSION_TYPE: { code: 76, name: 'UNSUPPORTED_COMPRESSION_TYPE', retriable: false },
  MEMBER_ID_REQUIRED: { code: 79, name: 'MEMBER_ID_REQUIRED', retriable: false },
  INVALID_RECORD: { code: 87, name: 'INVALID_RECORD', retriable: false },
  FENCED_INSTANCE_ID: { code: 82, name: 'FENCED_INSTANCE_ID', retriable: false },
  UNKNOWN_TOPIC_ID: { code: 100, name: 'UNKNOWN_TOPIC_ID', retriable: true },
} as const satisfies Record<string, KafkaErrorCode>;

export type KafkaErrorName = keyof typeof KafkaError;

const byCode = new Map<number, KafkaErrorCode>(Object.values(KafkaError).map((e) => [e.code, e]));

export function kafkaErrorByCode(code: number): KafkaErrorCode | undefined {
  return byCode.get(code);
}
