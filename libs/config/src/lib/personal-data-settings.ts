import { z } from 'zod';

/**
 * The development secret: keyed hashes made with it are only as safe as a plain SHA-256, so
 * services log a warning at boot while they run on it. Production sets its own.
 */
export const DEVELOPMENT_HASH_SECRET = 'touchpoint-development-hash-secret-not-for-production';

/** Identify traits that travel on the topics unless told otherwise; none of them is contact data. */
const DEFAULT_TRAIT_ALLOW_LIST = ['loyaltyId', 'loyalty_id', 'createdAt', 'plan', 'locale'];

/** How ingest and identity treat personal data, and where the store registry lives. */
export interface PersonalDataSettings {
  /** HMAC key of every hash of email, phone and erased identifiers; ingest and identity must share it. */
  readonly hashSecret: string;
  readonly usesDevelopmentSecret: boolean;
  /** Region of national phone numbers that come with no store (web identify traits); null: such numbers do not link. */
  readonly defaultPhoneRegion: string | null;
  /** Identify traits that travel as they are; others are dropped (email and phone travel only as hashes). */
  readonly traitAllowList: readonly string[];
  /** The versioned store registry file (libs/store-registry), relative to the working directory. */
  readonly storeRegistryFile: string;
}

const stringList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.$-]{1,128}$/, 'each entry must be a trait name')));

export const personalDataSettingsSchema = z.object({
  PERSONAL_DATA_HASH_SECRET: z.string().min(32, 'use at least 32 characters').default(DEVELOPMENT_HASH_SECRET),
  PERSONAL_DATA_DEFAULT_REGION: z.string().trim().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. NL').optional(),
  INGEST_TRAIT_ALLOW_LIST: stringList.default(DEFAULT_TRAIT_ALLOW_LIST),
  STORE_REGISTRY_FILE: z.string().trim().min(1).default('config/stores.v1.json'),
});

export function personalDataSettingsOf(values: z.output<typeof personalDataSettingsSchema>): PersonalDataSettings {
  return {
    hashSecret: values.PERSONAL_DATA_HASH_SECRET,
    usesDevelopmentSecret: values.PERSONAL_DATA_HASH_SECRET === DEVELOPMENT_HASH_SECRET,
    defaultPhoneRegion: values.PERSONAL_DATA_DEFAULT_REGION ?? null,
    traitAllowList: values.INGEST_TRAIT_ALLOW_LIST,
    storeRegistryFile: values.STORE_REGISTRY_FILE,
  };
}
