import { PersonalDataHasher, PersonalDataScrubber, personalKeyKind } from '@touchpoint/personal-data';

export interface PersonalDataPolicyOptions {
  readonly hasher: PersonalDataHasher;
  /** Region of national phone numbers that come without a store (PERSONAL_DATA_DEFAULT_REGION). */
  readonly defaultPhoneRegion: string | null;
  /** Traits that travel as they are (INGEST_TRAIT_ALLOW_LIST). */
  readonly traitAllowList: readonly string[];
}

/** The keyed hashes identity links a customer on. */
export interface ContactHashes {
  readonly emailHash?: string;
  readonly phoneHash?: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What of a customer's personal data may leave ingest: email and phone only as keyed hashes,
 * traits only when allow-listed, and nothing email- or phone-shaped anywhere else (properties,
 * page URLs and query strings, context). Applied to every message before it is validated and
 * published, so no topic, table or log downstream ever sees the clear values.
 */
export class PersonalDataPolicy {
  private readonly scrubber: PersonalDataScrubber;
  private readonly allowedTraits: ReadonlySet<string>;

  constructor(private readonly options: PersonalDataPolicyOptions) {
    this.scrubber = new PersonalDataScrubber(options.hasher);
    this.allowedTraits = new Set(options.traitAllowList);
  }

  /** A till's email and phone as hashes; a national number is read in the store's country. */
  contactHashes(contact: { readonly email?: string; readonly phone?: string }, storeCountry: string | null): ContactHashes {
    const emailHash = this.options.hasher.emailHash(contact.email);
    const phoneHash = this.options.hasher.phoneHash(contact.phone, storeCountry ?? this.options.defaultPhoneRegion);
    return { ...(emailHash ? { emailHash } : {}), ...(phoneHash ? { phoneHash } : {}) };
  }

  /** Any JSON with its personal data hashed, e.g. a POS message about to be dead-lettered. */
  scrub(value: unknown, phoneRegion: string | null = this.options.defaultPhoneRegion): unknown {
    return this.scrubber.scrub(value, { phoneRegion });
  }

  /**
   * A Segment message as it may travel. The customer's traits (an identify call's, and
   * context.traits) travel only when allow-listed. An identify call's email and phone traits become
   * context.emailHash / context.phoneHash, the keys identity links on; a client cannot set
   * those itself (it could otherwise claim another customer's profile).
   */
  protectSegmentMessage(message: Json): Json {
    const { context, traits, ...rest } = message;
    const { emailHash: _clientEmailHash, phoneHash: _clientPhoneHash, traits: contextTraits, ...ownContext } = isRecord(context) ? context : {};
    const region = this.options.defaultPhoneRegion;
    const identify = message['type'] === 'identify';
    const linking = identify && isRecord(traits) ? this.contactOf(traits, region) : {};
    const protectedMessage = this.scrubber.scrub(
      {
        ...rest,
        context: { ...ownContext, ...(isRecord(contextTraits) ? { traits: this.allowedOf(contextTraits) } : {}) },
        // A person's traits travel only when allow-listed; a group's (a company, a household) are only scrubbed.
        ...(traits === undefined ? {} : { traits: identify && isRecord(traits) ? this.allowedOf(traits) : traits }),
      },
      { phoneRegion: region },
    ) as Json;
    // The scrubber's output is a new object of our own: the hashes go in without copying it again.
    if (linking.emailHash || linking.phoneHash) protectedMessage['context'] = { ...(protectedMessage['context'] as Json), ...linking };
    return protectedMessage;
  }

  private contactOf(traits: Json, region: string | null): ContactHashes {
    let email: string | undefined;
    let phone: string | undefined;
    for (const [key, value] of Object.entries(traits)) {
      const kind = personalKeyKind(key);
      if (kind === 'email') email ??= this.options.hasher.emailHash(value) ?? undefined;
      if (kind === 'phone') phone ??= this.options.hasher.phoneHash(value, region) ?? undefined;
    }
    return { ...(email ? { emailHash: email } : {}), ...(phone ? { phoneHash: phone } : {}) };
  }

  private allowedOf(traits: Json): Json {
    return Object.fromEntries(Object.entries(traits).filter(([key]) => this.allowedTraits.has(key) && personalKeyKind(key) === undefined));
  }
}
