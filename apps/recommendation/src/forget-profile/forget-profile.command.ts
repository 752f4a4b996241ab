import type { ProfileDeleted } from '@touchpoint/contracts';

/** Forget everything kept for an erased profile (GDPR). */
export class ForgetProfileCommand {
  constructor(readonly deleted: ProfileDeleted) {}
}
