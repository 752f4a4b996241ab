import type { IdentifierType } from '@touchpoint/contracts';

/** Which profile an identifier belongs to; `value` is as the customer gave it (not hashed). */
export class LookupProfileQuery {
  constructor(
    readonly type: IdentifierType,
    readonly value: string,
    /** For loyalty cards and POS customer ids: the issuing chain, the default chain when absent. */
    readonly chainId?: string,
    /** True when `value` is already the keyed hash of an email or phone. */
    readonly hashed = false,
  ) {}
}
