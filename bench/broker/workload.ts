/**
 * The one workload every broker gets: 1 KB values without a key, in batches of 100 to one
 * partition each (round-robin over 4), acks=-1, no compression. See bench/README.md.
 */
export const MESSAGE_BYTES = 1024;
export const MESSAGES_PER_BATCH = 100;
export const PARTITIONS = 4;
export const ACKS = -1;
export const TARGET_PRODUCE_MSGS_PER_SEC = 100_000;
/** MB here is 2^20 bytes of message value (record framing and protocol overhead not counted). */
export const MB = 1024 * 1024;
