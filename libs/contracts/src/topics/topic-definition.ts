import type { z } from 'zod';

/**
 * One Kafka topic: its name (versioned), the schema of its values, and how a value's key
 * is derived. Producers and consumers are typed from this, so the three never drift apart.
 */
export interface TopicDefinition<S extends z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly key: (value: z.output<S>) => string;
  readonly description: string;
  /** CloudEvents `type` attribute for messages on this topic. */
  readonly eventType: string;
  /**
   * Kafka topic configs the topic is created with (cleanup.policy, retention.ms, ...): the
   * provisioner, the AsyncAPI document and the Kubernetes topic resources all read them here.
   * Unset: the cluster's defaults.
   */
  readonly configs?: Readonly<Record<string, string>>;
}

export type TopicValue<T> = T extends TopicDefinition<infer S> ? z.output<S> : never;

export function defineTopic<S extends z.ZodType>(definition: TopicDefinition<S>): TopicDefinition<S> {
  return Object.freeze(definition);
}
