import type { JourneySummary } from '@touchpoint/contracts';

/** Only an explicit refusal counts: a customer who never said keeps being retargeted. */
export const refusedAdvertising = (summary: JourneySummary | null): boolean => summary?.consent.advertising.granted === false;

/** A refusal of personalization empties the recommendation list; retargeting follows advertising consent alone. */
export const refusedPersonalization = (summary: JourneySummary | null): boolean => summary?.consent.personalization.granted === false;
