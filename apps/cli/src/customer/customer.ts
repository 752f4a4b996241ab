import type { Identifier } from '@touchpoint/contracts';
import { Topics } from '@touchpoint/contracts';
import { CliError } from '../cli-error';
import type { IdentityClient } from '../services/identity-client';

/** Everything the topics may know a customer by: the surviving profile, every id merged into it, its identifiers. */
export interface Customer {
  readonly profileId: string;
  /** The survivor first, then merged-away ids, sorted. */
  readonly profileIds: readonly string[];
  readonly identifiers: readonly Identifier[];
  /** Set when the id asked for was merged away: the survivor it lives on in. */
  readonly redirectedFrom: string | null;
}

export interface CustomerQuery {
  readonly profile?: string;
  readonly identifier?: string;
}

/**
 * Resolves a customer through identity's HTTP API: a merged-away id leads to its final
 * survivor, and every profile ever merged into it (chains included) is collected, since events
 * sent before a merge stay keyed by the id they had. An erased profile is refused: the tool
 * shows nothing of it.
 */
export async function resolveCustomer(identity: IdentityClient, query: CustomerQuery): Promise<Customer> {
  const asked = query.profile ?? (query.identifier === undefined ? undefined : await identity.lookup(query.identifier));
  if (asked === undefined) throw new CliError('TP_CLI_USAGE', 'give --profile ID or --identifier type:value');
  let current = asked;
  for (let hops = 0; ; hops++) {
    const history = await identity.history(current);
    if (!history) throw new CliError('TP_CLI_UNKNOWN_PROFILE', `no profile ${current}`);
    if (history.status === 'deleted') throw new CliError('TP_CLI_UNKNOWN_PROFILE', `profile ${asked} was erased: nothing of it is shown`);
    if (history.status === 'active' || history.mergedInto === null) break;
    if (hops > 32) throw new CliError('TP_CLI_SERVICE_FAILED', `identity's merge chain from ${asked} does not end`);
    current = history.mergedInto;
  }
  const survivor = current;
  const merged = new Set<string>();
  const pending = [survivor];
  while (pending.length > 0) {
    const id = pending.pop() ?? survivor;
    const history = await identity.history(id);
    for (const merge of history?.merges ?? []) {
      if (merge.survivorProfileId === id && merge.mergedProfileId !== survivor && !merged.has(merge.mergedProfileId)) {
        merged.add(merge.mergedProfileId);
        pending.push(merge.mergedProfileId);
      }
    }
  }
  return {
    profileId: survivor,
    profileIds: [survivor, ...[...merged].sort()],
    identifiers: await identity.identifiers(survivor),
    redirectedFrom: asked === survivor ? null : asked,
  };
}

/** The keys raw events of these identifiers carry (`rawEventKey`); card numbers with and without their chain, as ingest may have them. */
function rawKeysOf(identifiers: readonly Identifier[]): string[] {
  const keys: string[] = [];
  for (const { type, value } of identifiers) {
    if (type === 'userId' || type === 'anonymousId') keys.push(`${type}:${value}`);
    if (type === 'loyaltyId' || type === 'posCustomerId') {
      keys.push(`${type}:${value}`);
      const colon = value.indexOf(':');
      if (colon > 0) keys.push(`${type}:${value.slice(colon + 1)}`);
    }
  }
  return keys;
}

const profileKeyed: ReadonlySet<string> = new Set([
  Topics.eventsResolved.name,
  Topics.identityMerged.name,
  Topics.journeyTransitions.name,
  Topics.recommendations.name,
  Topics.recommendationsState.name,
  Topics.identityUnmerged.name,
  Topics.profileDeleted.name,
]);

/**
 * The message keys under which `topic` holds this customer's messages, or null when the
 * topic is not keyed by customer (every partition must be read, and records are kept by content).
 */
export function customerKeys(topic: string, customer: Customer): ReadonlySet<string> | null {
  if (profileKeyed.has(topic)) return new Set(customer.profileIds);
  if (topic === Topics.eventsRaw.name) return new Set(rawKeysOf(customer.identifiers));
  return null;
}

/** Whether a record's content names the customer: for topics not keyed by customer. */
export function mentionsCustomer(text: string, customer: Customer): boolean {
  return customer.profileIds.some((id) => text.includes(id));
}
