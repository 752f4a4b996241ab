/**
 * How a Kafka consumer treats a message whose handler fails with the code: `permanent` (the
 * message itself is wrong: dead-lettered at once, retrying cannot help) or `transient` (something
 * the message needs is briefly unavailable: the partition waits and retries, never dead-letters).
 */
export type FailureKind = 'permanent' | 'transient';

interface ErrorCodeDeclaration {
  readonly httpStatus: number | null;
  readonly description: string;
  readonly failure?: FailureKind;
}

/**
 * Every stable error code Touchpoint returns or records, in one place. Codes never change
 * meaning once published; HTTP status applies where the code is answered over HTTP.
 */
export const ErrorCodes = {
  TP_INGEST_VALIDATION_FAILED: { httpStatus: 400, description: 'The request body does not match the Segment or store-transaction schema; details name each field path.', failure: 'permanent' },
  TP_INGEST_MALFORMED_JSON: { httpStatus: 400, description: 'The request body is not valid JSON (or not valid gzip).', failure: 'permanent' },
  TP_INGEST_MALFORMED_CSV: { httpStatus: 400, description: 'A CSV upload cannot be read (no header, unknown or missing columns, an unclosed quote), or one row of it cannot (wrong number of fields).', failure: 'permanent' },
  TP_INGEST_UNKNOWN_STORE: { httpStatus: 400, description: 'A store transaction names a storeId the store registry (STORE_REGISTRY_FILE) does not know; details name each transaction. Nothing of the request was accepted.', failure: 'permanent' },
  TP_INGEST_UNAUTHORIZED: { httpStatus: 401, description: 'No write key, or a write key this installation does not know.' },
  TP_INGEST_WRITE_KEY_SCOPE: { httpStatus: 403, description: 'A known write key whose kind may not post to this endpoint: store transactions need a pos key, Segment calls a web or app key (INGEST_WRITE_KEYS); the message names what the key may post. Nothing was accepted.', failure: 'permanent' },
  TP_INGEST_STORE_CLAIM: { httpStatus: 403, description: 'A Segment call claims what only store transactions may: a messageId starting with "store:", or an Order Completed or Order Refunded on the store channel. Store sales come through pos write keys or the POS topic; details name each field. Nothing was accepted.', failure: 'permanent' },
  TP_INGEST_PAYLOAD_TOO_LARGE: { httpStatus: 413, description: 'A message over 32 KB or a batch over 500 KB.', failure: 'permanent' },
  TP_INGEST_RATE_LIMITED: { httpStatus: 429, description: 'A write key (or, without a known key, a client address) sent more requests than its rate limit allows; nothing of the request was accepted. Retry after the Retry-After header.', failure: 'transient' },
  TP_INGEST_UNSUPPORTED_ENCODING: { httpStatus: 415, description: 'A Content-Encoding other than gzip, deflate or identity.' },
  TP_INGEST_BROKER_UNAVAILABLE: { httpStatus: 503, description: 'Kafka did not acknowledge the write; nothing was accepted. Retry after the Retry-After header.', failure: 'transient' },
  TP_INGEST_DUPLICATE_IN_FLIGHT: { httpStatus: 503, description: 'Another request is publishing a message with the same messageId right now; nothing was accepted. Retry after the Retry-After header.', failure: 'transient' },
  TP_HTTP_NOT_FOUND: { httpStatus: 404, description: 'No route for this method and path.' },
  TP_INTERNAL_ERROR: { httpStatus: 500, description: 'An unexpected failure inside the service; the log has the cause.' },
  TP_REQUEST_INVALID: { httpStatus: 400, description: 'A path or query parameter is malformed (e.g. a profile id that is not a UUID); details name each parameter.', failure: 'permanent' },
  TP_REQUEST_TOO_LARGE: { httpStatus: 413, description: 'A request body to identity, journey, recommendation or the explorer is over its limit (64 KB; catalog imports 8 MB); it was not read further. Ingest answers TP_INGEST_PAYLOAD_TOO_LARGE instead.', failure: 'permanent' },
  TP_CATALOG_INVALID: { httpStatus: 400, description: 'A catalog import is not readable as a whole (not JSON with `products`, a CSV without its header or with unknown columns); rows with bad fields are reported one by one and the others imported.', failure: 'permanent' },
  TP_PROFILE_NOT_FOUND: { httpStatus: 404, description: 'No profile with this id (or it was merged away or deleted).' },
  TP_PROFILE_RETIRED: { httpStatus: 308, description: 'The profile was merged into another; the Location header and `survivorProfileId` name the survivor, which holds its journey now.' },
  TP_JOURNEY_DEFINITIONS_INVALID: { httpStatus: null, description: 'The journey definitions file (JOURNEY_DEFINITIONS_FILE) is missing a field or has a bad value; the journey service does not start, and the message names each field.' },
  TP_CONSUMER_UNDECODABLE: { httpStatus: null, description: 'A consumed message is not UTF-8 JSON; sent to the dead-letter topic.', failure: 'permanent' },
  TP_CONSUMER_SCHEMA_MISMATCH: { httpStatus: null, description: "A consumed message does not match its topic's schema; sent to the dead-letter topic.", failure: 'permanent' },
  TP_CONSUMER_MESSAGE_TOO_LARGE: { httpStatus: null, description: 'A consumed message has a value over KAFKA_CONSUMER_MAX_MESSAGE_BYTES (1 MiB by default); sent to the dead-letter topic unparsed, its dead letter carrying a prefix of the value and its size.', failure: 'permanent' },
  TP_CONSUMER_HANDLER_FAILED: { httpStatus: null, description: 'Handling a valid message kept failing with an unclassified error for KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS; sent to the dead-letter topic.' },
  TP_CONSUMER_HANDLER_TIMEOUT: { httpStatus: null, description: 'Handling a valid message kept running past KAFKA_CONSUMER_ATTEMPT_TIMEOUT_MS, attempt after attempt, for KAFKA_CONSUMER_RETRY_UNCLASSIFIED_MS; sent to the dead-letter topic.' },
  TP_IDENTITY_NO_IDENTIFIER: { httpStatus: null, description: 'An event carries no usable identifier (only blank or placeholder values such as "anonymous"); it cannot be resolved to a profile.', failure: 'permanent' },
  TP_ADMIN_UNAUTHORIZED: { httpStatus: 401, description: 'An admin endpoint (e.g. profile deletion) was called without `Authorization: Bearer <admin token>` (ACCESS_ADMIN_TOKENS or IDENTITY_ADMIN_TOKEN) or with a wrong token.' },
  TP_UNMERGE_NOT_FOUND: { httpStatus: 404, description: 'POST /v1/profiles/:id/unmerge named a mergeId the profile did not take part in (as survivor or merged profile).' },
  TP_UNMERGE_CONFLICT: { httpStatus: 409, description: 'The merge cannot be undone as it stands: its survivor was merged into another profile or erased since; undo that later merge first (details name it).' },
  TP_ADMIN_DISABLED: { httpStatus: 503, description: 'An admin endpoint was called but this installation has no admin token configured (ACCESS_ADMIN_TOKENS or IDENTITY_ADMIN_TOKEN), so admin endpoints are switched off.' },
  TP_READ_UNAUTHORIZED: { httpStatus: 401, description: 'A read endpoint (e.g. profile lookup) was called without `Authorization: Bearer <read token>` (ACCESS_READ_TOKENS; an admin token also reads) or with a wrong token.' },
  TP_READ_DISABLED: { httpStatus: 503, description: 'A read endpoint was called but this installation has no read or admin token configured (ACCESS_READ_TOKENS), so read endpoints are switched off.' },
  TP_SERVICE_SHUTTING_DOWN: { httpStatus: 503, description: 'The instance received SIGTERM and takes no new requests while it finishes the ones in flight; retry after the Retry-After header (another instance answers).', failure: 'transient' },
  TP_CLI_USAGE: { httpStatus: null, description: 'The touchpoint command was given a bad option or argument (a time it cannot read, a missing --brokers); exit code 2.' },
  TP_CLI_BROKER_UNREACHABLE: { httpStatus: null, description: 'The touchpoint command could not connect to any broker of --brokers / KAFKA_BROKERS (or authenticate to it); exit code 3.' },
  TP_CLI_UNKNOWN_TOPIC: { httpStatus: null, description: 'The touchpoint command was asked to read a topic the cluster does not have; exit code 4.' },
  TP_CLI_UNKNOWN_PROFILE: { httpStatus: null, description: 'The touchpoint command was given a profile id or identifier no profile has, or one that was erased (erased profiles show nothing); exit code 5.' },
  TP_CLI_UNKNOWN_GROUP: { httpStatus: null, description: 'The touchpoint command was given a consumer group the cluster does not know; exit code 6.' },
  TP_CLI_GROUP_ACTIVE: { httpStatus: null, description: '`touchpoint reprocess --execute` refused to move the offsets of a consumer group that has active members; stop them first; exit code 7.' },
  TP_CLI_SERVICE_FAILED: { httpStatus: null, description: 'A Touchpoint HTTP API the command needs (identity, journey, catalog) was unreachable, refused the token or answered an error; exit code 8.' },
} as const satisfies Record<string, ErrorCodeDeclaration>;

export type ErrorCode = keyof typeof ErrorCodes;

/** The consumer's verdict on a handler that failed with this code, or null: unclassified. */
export function failureKindOf(code: ErrorCode): FailureKind | null {
  const declaration: ErrorCodeDeclaration = ErrorCodes[code];
  return declaration.failure ?? null;
}

/** An error that carries one of the stable codes across layers. */
export class TouchpointError extends Error {
  override readonly name = 'TouchpointError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
