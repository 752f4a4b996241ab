import type { ProfileDeleted } from '@touchpoint/contracts';

/** Drop every journey state kept for an erased profile (GDPR). */
export class ForgetProfileCommand {
  constructor(readonly deleted: ProfileDeleted) {}
}
