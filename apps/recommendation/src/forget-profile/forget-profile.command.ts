import type { ProfileDeleted } from '@touchpoint/contracts';

/** Forget what was published for an erased profile (GDPR). */
export class ForgetProfileCommand {
  constructor(readonly deleted: ProfileDeleted) {}
}
