import type { ApiFor, RequestOf, ResponseOf, SupportedApiKey } from '@touchpoint/kafka-protocol';
import type { AppendNotifier } from './append-notifier';
import type { Endpoint } from './network/advertised-endpoint';
import type { ResolvedDevBrokerOptions } from './dev-broker-options';
import type { GroupCoordinator } from './groups/group-coordinator';
import type { ProducerState } from './producers/producer-state';
import type { TopicStore } from './storage/topic-store';

export const NODE_ID = 0;
export const CLUSTER_ID = 'touchpoint-dev-cluster';

/** What every request handler may use: the broker's state, never the network. */
export interface BrokerContext {
  readonly options: ResolvedDevBrokerOptions;
  readonly topics: TopicStore;
  readonly producers: ProducerState;
  readonly groups: GroupCoordinator;
  readonly appends: AppendNotifier;
  /** The port actually bound, for Metadata and FindCoordinator answers. */
  readonly port: () => number;
  /** Fires when the broker stops, releasing long polls and group waits. */
  readonly stopping: AbortSignal;
}

export interface RequestContext {
  readonly version: number;
  readonly clientId: string;
  readonly clientHost: string;
  /** The local end of the client's connection, advertised when no host is configured. */
  readonly localEndpoint: Endpoint;
}

/** acks=0 produce requests get no response at all. */
export const NO_RESPONSE = Symbol('no response');

export type Handler<K extends SupportedApiKey> = (
  request: RequestOf<ApiFor<K>>,
  context: RequestContext,
) => ResponseOf<ApiFor<K>> | typeof NO_RESPONSE | Promise<ResponseOf<ApiFor<K>> | typeof NO_RESPONSE>;

export type HandlerMap = { readonly [K in SupportedApiKey]: Handler<K> };
