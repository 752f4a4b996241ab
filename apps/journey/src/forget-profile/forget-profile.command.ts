import type { ProfileDeleted } from '@touchpoint/contracts';

/** Erase every journey record kept for an erased profile (GDPR). */
export class ForgetProfileCommand {
  constructor(readonly deleted: ProfileDeleted) {}
}
