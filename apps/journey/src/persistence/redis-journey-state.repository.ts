import { Injectable } from '@nestjs/common';
import type { JourneyState } from '@touchpoint/journey-model';
import { ProfileCache } from '@touchpoint/profile-cache';
import { JourneyStateRepository, type StoredJourney } from '../journey-state/journey-state.repository';

@Injectable()
export class RedisJourneyStateRepository extends JourneyStateRepository {
  constructor(private readonly cache: ProfileCache) {
    super();
  }

  read(profileId: string): Promise<StoredJourney | null> {
    return this.cache.read(profileId);
  }

  saveIfUnchanged(state: JourneyState, revision: string | null): Promise<boolean> {
    return this.cache.putIfRevision(state, revision);
  }

  delete(profileId: string): Promise<void> {
    return this.cache.delete(profileId);
  }
}
