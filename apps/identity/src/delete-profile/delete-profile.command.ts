import type { IdentifierType } from '@touchpoint/contracts';

export type DeletionTarget =
  | { readonly kind: 'profile'; readonly profileId: string }
  /** `value` as the customer gave it; email and phone are hashed by the service. */
  | { readonly kind: 'identifier'; readonly type: IdentifierType; readonly value: string; readonly chainId?: string };

/** Erase a customer's profile on request (GDPR) and tell every service to drop its state. */
export class DeleteProfileCommand {
  constructor(
    readonly target: DeletionTarget,
    /** Who asked, for the audit; never an identifier of the customer. */
    readonly requestedBy: string,
  ) {}
}
