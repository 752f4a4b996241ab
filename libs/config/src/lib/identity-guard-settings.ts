import { z } from 'zod';
import { envInt } from './env-values';

/**
 * Guards against identifiers that several people present: once one shows more distinct
 * accounts than a person has, it is marked shared and links no profiles any more.
 */
export interface IdentityGuardSettings {
  /** A deviceId or anonymousId seen with more than this many distinct userIds within the window is shared. */
  readonly deviceMaxUserIds: number;
  readonly deviceWindowHours: number;
  /** A loyalty card presented with more than this many distinct emails, or userIds, within the window is shared. */
  readonly cardMaxContacts: number;
  readonly cardWindowHours: number;
}

export const identityGuardSettingsSchema = z.object({
  IDENTITY_SHARED_DEVICE_MAX_USERIDS: envInt(1, 1_000).default(3),
  IDENTITY_SHARED_DEVICE_WINDOW_HOURS: envInt(1, 24 * 3_650).default(30 * 24),
  IDENTITY_SHARED_CARD_MAX_CONTACTS: envInt(1, 1_000).default(3),
  IDENTITY_SHARED_CARD_WINDOW_HOURS: envInt(1, 24 * 3_650).default(365 * 24),
});

export function identityGuardSettingsOf(values: z.output<typeof identityGuardSettingsSchema>): IdentityGuardSettings {
  return {
    deviceMaxUserIds: values.IDENTITY_SHARED_DEVICE_MAX_USERIDS,
    deviceWindowHours: values.IDENTITY_SHARED_DEVICE_WINDOW_HOURS,
    cardMaxContacts: values.IDENTITY_SHARED_CARD_MAX_CONTACTS,
    cardWindowHours: values.IDENTITY_SHARED_CARD_WINDOW_HOURS,
  };
}
