import { emptyJourneyState, type JourneyState } from '@touchpoint/journey-model';
import type { JourneyStateRepository } from './journey-state.repository';

const MAX_ATTEMPTS = 5;

/**
 * Read, compute (and publish), then save only if the profile did not change meanwhile;
 * on a conflict start over from the fresh state. Both journey consumers write the same
 * profiles, possibly from different instances, so a plain read-modify-write could lose one
 * of two concurrent changes. `step` may run more than once: its effects must be idempotent.
 */
export async function updateJourney<T>(
  repository: JourneyStateRepository,
  profileId: string,
  step: (before: JourneyState) => Promise<{ readonly after: JourneyState; readonly result: T }>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await repository.read(profileId);
    const { after, result } = await step(stored?.state ?? emptyJourneyState(profileId));
    if (await repository.saveIfUnchanged(after, stored?.revision ?? null)) return result;
  }
  throw new Error(`journey of ${profileId} kept changing under ${MAX_ATTEMPTS} attempts to update it`);
}
