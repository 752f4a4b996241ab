/**
 * A broker the workload runs against, in a process of its own. Two implementations: the dev
 * broker in a Node child process (dev-broker-target.ts) and Apache Kafka in its JVM
 * (apache-kafka-target.ts). The phases only see this interface, so both get the same code.
 */
import { type LoadSample } from './process-load';

export const BROKER_KINDS = ['dev', 'apache'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

/** The in-process CPU profiler of a broker that has one (the dev broker's V8 inspector). */
export interface BrokerProfiler {
  start(): Promise<void>;
  /** Stops the profiler and has the broker write the profile to `file`. */
  stop(file: string): Promise<void>;
}

export interface BrokerTarget {
  readonly kind: BrokerKind;
  /** How the figures are labelled, e.g. "dev broker", "Apache Kafka 4.1.1". */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** host:port for kafkajs. */
  readonly address: string;
  /** The broker's process, for the log line and the JSON. */
  readonly pid: number;
  /** CPU (and event-loop) time of the broker process so far. */
  usage(): Promise<LoadSample>;
  readonly profiler: BrokerProfiler | null;
  /** Stops the broker and removes its data. Idempotent. */
  stop(): Promise<void>;
}
