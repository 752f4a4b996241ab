import { type ErrorCode, failureKindOf, TouchpointError } from '@touchpoint/contracts';

/**
 * What a consumer does with a message whose handling failed:
 * - `permanent`: the message itself is wrong; dead-lettered at once, retrying cannot help.
 * - `dependency`: something the handler needs (Redis, Postgres, the broker) is unavailable; the
 *   partition waits, retrying with backoff for as long as it takes, and never dead-letters.
 * - `unclassified`: anything else; retried for a bounded time, then dead-lettered.
 */
export type FailureClass = 'permanent' | 'dependency' | 'unclassified';

export interface Classification {
  readonly kind: FailureClass;
  /** The code a dead letter of this failure carries. */
  readonly code: ErrorCode;
  /** A short cause for the log and readiness, e.g. "ECONNREFUSED 127.0.0.1:6379". */
  readonly cause: string;
}

/** Node socket and DNS errors: the peer is down, unreachable or went away. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Postgres SQLSTATE classes that say the server cannot serve now, not that the statement is
 * wrong: 08 connection exception, 40 transaction rollback (serialization failure, deadlock),
 * 53 insufficient resources, 57 operator intervention (shutdown, cancel, crash recovery); and
 * 55P03 lock_not_available.
 */
const SQLSTATE_CLASSES = new Set(['08', '40', '53', '57']);
const SQLSTATE_CODES = new Set(['55P03']);

/**
 * Errors that carry no code: node-postgres losing its connection, ioredis giving up on a command
 * while disconnected, and a Redis that is loading its data set or busy running a script.
 */
const MESSAGE_PATTERNS: readonly RegExp[] = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable$/,
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Command timed out/,
  /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY)\b/,
];

/** kafkajs errors that say the cluster or a broker could not be reached in time. */
const KAFKAJS_UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSTimeout',
]);

const IOREDIS_UNAVAILABLE = new Set(['MaxRetriesPerRequestError']);

/** How deep wrapped causes (`cause`, `driverError`, `originalError`, AggregateError) are followed. */
const MAX_DEPTH = 5;

type Fields = Readonly<Record<string, unknown>>;

const fieldsOf = (error: unknown): Fields | null => (error !== null && typeof error === 'object' ? (error as Fields) : null);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function describe(error: unknown): string {
  const fields = fieldsOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const code = text(fields?.['code']);
  return (code && !message.includes(code) ? `${code} ${message}` : message).slice(0, 300);
}

/** The wrapped errors of `error`: an ES2022 cause, TypeORM's driverError, kafkajs's originalError, an AggregateError's errors. */
function wrapped(fields: Fields): unknown[] {
  const inner: unknown[] = [];
  for (const name of ['driverError', 'originalError', 'cause']) if (fields[name] !== undefined && fields[name] !== fields) inner.push(fields[name]);
  if (Array.isArray(fields['errors'])) inner.push(...(fields['errors'] as unknown[]));
  return inner;
}

/** Whether `error`, or an error it wraps, is a broker answer of one of `types` (kafkajs's `type`, e.g. MESSAGE_TOO_LARGE). */
export function hasBrokerErrorType(error: unknown, types: ReadonlySet<string>, depth = 0): boolean {
  const fields = fieldsOf(error);
  if (!fields || depth > MAX_DEPTH) return false;
  const type = text(fields['type']);
  return (type !== undefined && types.has(type)) || wrapped(fields).some((inner) => hasBrokerErrorType(inner, types, depth + 1));
}

function isDependencyError(error: unknown, depth: number): boolean {
  const fields = fieldsOf(error);
  if (!fields || depth > MAX_DEPTH) return false;
  const name = text(fields['name']) ?? '';
  const code = text(fields['code']);
  const message = text(fields['message']) ?? '';

  if (error instanceof TouchpointError) return failureKindOf(error.code) === 'transient';
  if (code !== undefined && SOCKET_ERRORS.has(code)) return true;
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && (SQLSTATE_CLASSES.has(code.slice(0, 2)) || SQLSTATE_CODES.has(code))) return true;
  if (IOREDIS_UNAVAILABLE.has(name)) return true;
  if (name.startsWith('KafkaJS')) {
    if (fields['retriable'] === true || KAFKAJS_UNAVAILABLE.has(name)) return true;
    // KafkaJSNumberOfRetriesExceeded is non-retriable itself; what it gave up on decides.
  }
  if (MESSAGE_PATTERNS.some((pattern) => pattern.test(message))) return true;
  return wrapped(fields).some((inner) => isDependencyError(inner, depth + 1));
}

/**
 * The one table that decides between dead-lettering and waiting. A `TouchpointError` is
 * judged by its code's declaration (`failure` in the error codes); other errors are recognised
 * by shape (`code`, `name`, `retriable`, message), without importing the drivers, and through
 * the errors they wrap.
 */
export function classifyFailure(error: unknown): Classification {
  const cause = describe(error);
  if (error instanceof TouchpointError && failureKindOf(error.code) === 'permanent') return { kind: 'permanent', code: error.code, cause };
  if (isDependencyError(error, 0)) return { kind: 'dependency', code: 'TP_CONSUMER_HANDLER_FAILED', cause };
  return { kind: 'unclassified', code: error instanceof TouchpointError ? error.code : 'TP_CONSUMER_HANDLER_FAILED', cause };
}
