import { deadLetterRedrivenV1 } from './deadletter-redriven.v1';
import { deadLetterV1 } from './deadletter.v1';
import { eventsRawV1 } from './events-raw.v1';
import { eventsResolvedV1 } from './events-resolved.v1';
import { identityMergedV1 } from './identity-merged.v1';
import { identityUnmergedV1 } from './identity-unmerged.v1';
import { journeyTransitionsV2 } from './journey-transitions.v2';
import { posTransactionsV1 } from './pos-transactions.v1';
import { profileDeletedV1 } from './profile-deleted.v1';
import { recommendationsStateV1 } from './recommendations-state.v1';
import { recommendationsV2 } from './recommendations.v2';

/** Every topic Touchpoint reads or writes, the one place their names are spelled. */
export const Topics = {
  eventsRaw: eventsRawV1,
  eventsResolved: eventsResolvedV1,
  identityMerged: identityMergedV1,
  identityUnmerged: identityUnmergedV1,
  journeyTransitions: journeyTransitionsV2,
  recommendations: recommendationsV2,
  recommendationsState: recommendationsStateV1,
  deadLetter: deadLetterV1,
  deadLetterRedriven: deadLetterRedrivenV1,
  posTransactions: posTransactionsV1,
  profileDeleted: profileDeletedV1,
} as const;

export const allTopics = Object.values(Topics);
