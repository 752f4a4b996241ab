import { HARNESS_READ_TOKEN } from '@touchpoint/system-harness';
import { parseSamples, sumOf } from './prometheus-text';
import type { WorkloadCustomer } from './seeded-workload';

/** Where one system's services answer: the first instance of each, plus every instance's /metrics. */
export interface SystemEndpoints {
  readonly identity: string;
  readonly journey: string;
  readonly recommendation: string;
  /** Every consumer instance, for their lag. */
  readonly consumers: readonly string[];
}

/**
 * The state a run's customers end in, by their index in the workload, free of what differs
 * between runs by design (generated ids, the run's tag, clocks, revisions).
 */
export interface FinalState {
  readonly customers: Readonly<Record<number, { readonly journey: unknown; readonly told: unknown }>>;
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Profile ids, message ids and revisions are generated per run; how many saves a profile took depends on batching. */
const DROPPED = new Set(['profileId', 'requestedProfileId', 'revision']);

/** `tag`: the run's own part of every customer id, so two runs of one workload compare. */
function comparable(value: unknown, tag: string): unknown {
  if (typeof value === 'string') return value.replace(ISO_TIME, '<time>').replace(UUID, '<id>').split(tag).join('<run>');
  if (Array.isArray(value)) return value.map((inner) => comparable(inner, tag));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !DROPPED.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, comparable(inner, tag)]),
    );
  }
  return value;
}

/**
 * Items ranked on every customer's signals with time decay (co-views, co-purchases, segment
 * popularity) depend on how other customers' events interleave and when: two runs of one
 * workload differ there even on one instance. What a profile was told from its own journey and
 * the catalog must match; those items are left out, with the ranks they shift.
 */
const CROSS_CUSTOMER_REASONS = new Set(['bought_together', 'viewed_together', 'popular_in_segment']);

function ownTruth(told: unknown): unknown {
  const { recommendations, ...rest } = told as { recommendations: readonly { reason: string; rank?: number }[] };
  return { ...rest, recommendations: recommendations.filter((item) => !CROSS_CUSTOMER_REASONS.has(item.reason)).map(({ rank: _rank, ...item }) => item) };
}

async function read(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${HARNESS_READ_TOKEN}` } });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The customer's profile now, by the strongest identifier she gave: merges move it, generated ids differ per run. */
export async function profileOf(identity: string, customer: WorkloadCustomer): Promise<string> {
  const [type, value] = customer.loyaltyId !== null ? ['loyaltyId', customer.loyaltyId] : customer.userId !== null ? ['userId', customer.userId] : ['anonymousId', customer.anonymousId];
  const answer = (await read(`${identity}/v1/profiles/lookup?type=${type}&value=${encodeURIComponent(value)}`)) as { profileId: string };
  return answer.profileId;
}

export async function finalState(system: SystemEndpoints, customers: readonly WorkloadCustomer[]): Promise<FinalState> {
  const tag = customers[0]?.tag ?? '';
  const entries = await Promise.all(
    customers.map(async (customer) => {
      const profileId = await profileOf(system.identity, customer);
      const [journey, told] = await Promise.all([read(`${system.journey}/v1/profiles/${profileId}/journey`), read(`${system.recommendation}/v1/profiles/${profileId}/recommendations`)]);
      return [customer.index, { journey: comparable(journey, tag), told: comparable(ownTruth(told), tag) }] as const;
    }),
  );
  return { customers: Object.fromEntries(entries) };
}

/** Every audience's size on recommendation's `/v1/audiences`, over all profiles of the system. */
export async function audienceSizes(recommendation: string): Promise<Record<string, number>> {
  const { audiences } = (await read(`${recommendation}/v1/audiences`)) as { audiences: { audienceId: string; profiles: number }[] };
  return Object.fromEntries(audiences.map((audience) => [audience.audienceId, audience.profiles]));
}

async function totalLag(consumers: readonly string[]): Promise<number> {
  const lags = await Promise.all(consumers.map(async (url) => sumOf(parseSamples(await (await fetch(`${url}/metrics`)).text()), 'touchpoint_kafka_consumer_lag')));
  return lags.reduce((sum, lag) => sum + lag, 0);
}

/**
 * The final state once the system is quiet: no consumer lags and two reads a second apart
 * agree, so outboxes and timers that trail the consumers have had their say.
 */
export async function settledState(system: SystemEndpoints, customers: readonly WorkloadCustomer[], timeoutMs = 60_000): Promise<FinalState> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  for (;;) {
    const lag = await totalLag(system.consumers);
    const state = await finalState(system, customers);
    const text = JSON.stringify(state);
    if (lag === 0 && text === previous) return state;
    if (Date.now() > deadline) throw new Error(`the system did not settle within ${timeoutMs} ms (lag ${lag})`);
    previous = lag === 0 ? text : '';
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
