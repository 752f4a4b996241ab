import type { Logger } from 'pino';

/** Everything the dev broker can be told at start; defaults live in `resolveOptions`. */
export interface DevBrokerOptions {
  /** Listen port; 0 picks a free one (read it back from `DevBroker.port`). */
  readonly port?: number;
  readonly host?: string;
  /**
   * Host name put in Metadata and FindCoordinator answers. Unset, each client is given the
   * local address and port of the connection it came in on.
   */
  readonly advertisedHost?: string;
  readonly dataDir: string;
  readonly autoCreateTopics?: boolean;
  readonly defaultPartitions?: number;
  readonly segmentBytes?: number;
  /** -1 keeps data forever. */
  readonly retentionMs?: number;
  /** -1 sets no size limit. */
  readonly retentionBytes?: number;
  readonly retentionCheckIntervalMs?: number;
  /** How often the log cleaner looks for compacted partitions to clean (Kafka's log.cleaner.backoff.ms). */
  readonly cleanerIntervalMs?: number;
  /** Largest record batch accepted (Kafka's max.message.bytes). */
  readonly maxMessageBytes?: number;
  /** Largest request frame accepted before the connection is closed (socket.request.max.bytes). */
  readonly maxRequestBytes?: number;
  /** Wait before the first rebalance of an empty group, so members starting together land in one generation. */
  readonly groupInitialRebalanceDelayMs?: number;
  readonly groupMinSessionTimeoutMs?: number;
  readonly groupMaxSessionTimeoutMs?: number;
  /** fsync the log before acknowledging acks=-1 produces (survives power loss, not only process death). */
  readonly fsyncOnAck?: boolean;
  readonly logger?: Logger;
}

export type ResolvedDevBrokerOptions = Required<Omit<DevBrokerOptions, 'logger' | 'advertisedHost'>> & {
  /** null: advertise the address each connection reached. */
  readonly advertisedHost: string | null;
  readonly logger: Logger;
};

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;
