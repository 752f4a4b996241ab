import type { Identifier, IdentifierType, SegmentMessage } from '@touchpoint/contracts';
import { type PersonalDataHasher, PersonalDataScrubber, personalKeyKind } from '@touchpoint/personal-data';
import type { StoreRegistry } from '@touchpoint/store-registry';
import { identifierKey, sortByStrength } from './identifiers';
import { type IdentityRules, isBlocked } from './identity-rules';

const MAX_VALUE_LENGTH = 256;

/** Cards and POS customer ids are issued per chain: two chains' card 1001 are two customers. */
const chainScoped: ReadonlySet<IdentifierType> = new Set(['loyaltyId', 'posCustomerId']);

export interface IdentifierReaderOptions {
  readonly rules: IdentityRules;
  readonly hasher: PersonalDataHasher;
  readonly stores: StoreRegistry;
  /** Region of national phone numbers given without a store (PERSONAL_DATA_DEFAULT_REGION). */
  readonly defaultPhoneRegion: string | null;
}

function traitsOf(message: SegmentMessage): Record<string, unknown> {
  return message.type === 'identify' ? message.traits : {};
}

function deviceIdOf(message: SegmentMessage): unknown {
  const device: unknown = message.context['device'];
  return typeof device === 'object' && device !== null && 'id' in device ? device.id : undefined;
}

/**
 * Reads identifiers the way they are stored: trimmed, placeholders refused, email and phone as
 * keyed hashes (ingest hashed them already; a value given in clear is hashed here with the same
 * library and secret), loyalty cards and POS customer ids prefixed with their chain.
 */
export class IdentifierReader {
  /** Keyed hashes of blocked values, so a blocked address is refused after ingest hashed it too. */
  private readonly blockedHashes: ReadonlySet<string>;
  private readonly scrubber: PersonalDataScrubber;

  constructor(private readonly options: IdentifierReaderOptions) {
    const { rules, hasher, defaultPhoneRegion } = options;
    this.scrubber = new PersonalDataScrubber(hasher);
    const blocked = (type: 'email' | 'phone') => [...rules.blockedEverywhere, ...(rules.blockedByType.get(type) ?? [])];
    this.blockedHashes = new Set([
      ...blocked('email').flatMap((value) => hasher.emailHash(value) ?? []),
      ...blocked('phone').flatMap((value) => hasher.phoneHash(value, defaultPhoneRegion) ?? []),
    ]);
  }

  get rules(): IdentityRules {
    return this.options.rules;
  }

  get defaultChainId(): string {
    return this.options.stores.defaultChainId;
  }

  /**
   * An identifier as a caller names it (lookup, deletion): email and phone in clear, a card
   * number without its chain (the default chain unless `chainId` is given). null when the
   * value must not identify anyone.
   */
  fromRequest(type: IdentifierType, raw: unknown, chainId: string = this.defaultChainId): Identifier | null {
    return this.read(type, raw, chainId, this.options.defaultPhoneRegion);
  }

  /** An email or phone as a caller that hashed it already names it (with the same keyed hash), so the value never travels in clear. */
  fromHash(type: 'email' | 'phone', hash: string): Identifier | null {
    return this.hashed(type, hash);
  }

  /** Every identifier an event carries, normalized and de-duplicated, strongest first. */
  extract(message: SegmentMessage): Identifier[] {
    const { context } = message;
    const chainId = this.options.stores.chainOf(context.storeId);
    const phoneRegion = (context.storeId ? this.options.stores.find(context.storeId)?.country : undefined) ?? this.options.defaultPhoneRegion;
    const traits = traitsOf(message);
    const candidates: [IdentifierType, unknown][] = [
      ['anonymousId', message.anonymousId],
      ['userId', message.userId],
      // Segment's alias: the id the customer was known by before; an anonymous id, as SDKs send it.
      ['anonymousId', message.type === 'alias' ? message.previousId : undefined],
      ['loyaltyId', context.loyaltyId],
      ['posCustomerId', context.posCustomerId],
      ['deviceId', deviceIdOf(message)],
      ['loyaltyId', traits['loyaltyId']],
      ['loyaltyId', traits['loyalty_id']],
      // Events from before ingest hashed contact traits still carry them in clear.
      ['email', traits['email']],
      ['phone', traits['phone']],
    ];
    const seen = new Map<string, Identifier>();
    const add = (identifier: Identifier | null): void => {
      if (identifier) seen.set(identifierKey(identifier), identifier);
    };
    for (const [type, raw] of candidates) add(this.read(type, raw, chainId, phoneRegion));
    add(this.hashed('email', context.emailHash));
    add(this.hashed('phone', context.phoneHash));
    return sortByStrength([...seen.values()], this.options.rules);
  }

  /**
   * The event as it may be passed on: identify events from before ingest hashed contact traits
   * carry `traits.email` / `traits.phone` in clear, and a replay must not put them on
   * tp.events.resolved.v1. Events ingest already protected come back unchanged (the same object).
   */
  withoutContactTraits(message: SegmentMessage): SegmentMessage {
    if (message.type !== 'identify' || !Object.keys(message.traits).some((key) => personalKeyKind(key) !== undefined)) return message;
    const region = (message.context.storeId ? this.options.stores.find(message.context.storeId)?.country : undefined) ?? this.options.defaultPhoneRegion;
    return { ...message, traits: this.scrubber.scrub(message.traits, { phoneRegion: region }) as Record<string, unknown> };
  }

  /** The key an erased identifier is remembered by in the erasure ledger: keyed, so the ledger holds no identifier. */
  erasureKey(identifier: Identifier): string {
    return this.options.hasher.hash(`erased-${identifier.type}`, identifier.value);
  }

  private hashed(type: 'email' | 'phone', hash: string | undefined): Identifier | null {
    return hash && !this.blockedHashes.has(hash) ? { type, value: hash } : null;
  }

  private read(type: IdentifierType, raw: unknown, chainId: string, phoneRegion: string | null): Identifier | null {
    if (typeof raw !== 'string' && typeof raw !== 'number') return null;
    const value = String(raw).trim();
    const { rules, hasher } = this.options;
    if (isBlocked(rules, type, value)) return null;
    if (type === 'email') return this.hashed('email', hasher.emailHash(value) ?? undefined);
    if (type === 'phone') return this.hashed('phone', hasher.phoneHash(value, phoneRegion) ?? undefined);
    const stored = chainScoped.has(type) ? `${chainId}:${value}` : value;
    return stored.length > MAX_VALUE_LENGTH ? null : { type, value: stored };
  }
}
