export { normalizeEmail } from './lib/email';
export { isPhoneRegion, normalizePhone } from './lib/phone';
export { KEYED_HASH, PersonalDataHasher, type HashedKind } from './lib/keyed-hasher';
export { EMAIL_SHAPED, findPersonalData, personalKeyKind, PHONE_SHAPED, type PersonalDataKind, type PersonalDataMatch } from './lib/personal-data-shapes';
export { PersonalDataScrubber, type ScrubOptions } from './lib/scrub-personal-data';
