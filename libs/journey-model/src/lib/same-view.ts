import type { ConsentState, JourneySummary, ProductStatus } from '@touchpoint/contracts';

/** Field-by-field equality of view parts, identity first: derivations share unchanged parts. */

const sameConsent = (a: ConsentState, b: ConsentState): boolean => a === b || (a.granted === b.granted && a.at === b.at);

function sameAudiences(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameSummary(a: JourneySummary, b: JourneySummary): boolean {
  return (
    a.stage === b.stage &&
    a.stageRule === b.stageRule &&
    a.step === b.step &&
    a.tier === b.tier &&
    a.tierRule === b.tierRule &&
    a.trailingSpend === b.trailingSpend &&
    a.currency === b.currency &&
    sameConsent(a.consent.advertising, b.consent.advertising) &&
    sameConsent(a.consent.personalization, b.consent.personalization) &&
    sameAudiences(a.audiences, b.audiences)
  );
}

export function sameProductStatus(a: ProductStatus, b: ProductStatus): boolean {
  return (
    a === b ||
    (a.viewed === b.viewed &&
    a.unitsInCart === b.unitsInCart &&
    a.cartAbandoned === b.cartAbandoned &&
    a.unitsBought === b.unitsBought &&
    a.unitsReturned === b.unitsReturned &&
    a.unitsOwned === b.unitsOwned &&
    a.lastPurchaseChannel === b.lastPurchaseChannel &&
    a.lastPurchaseStoreId === b.lastPurchaseStoreId &&
    a.lastPurchaseAt === b.lastPurchaseAt &&
    a.lastReturnAt === b.lastReturnAt)
  );
}

