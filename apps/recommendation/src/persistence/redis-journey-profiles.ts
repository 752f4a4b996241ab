import { Injectable } from '@nestjs/common';
import type { JourneyState } from '@touchpoint/journey-model';
import { ProfileCache } from '@touchpoint/profile-cache';
import { JourneyProfiles } from '../profiles/journey-profiles';

@Injectable()
export class RedisJourneyProfiles extends JourneyProfiles {
  constructor(private readonly cache: ProfileCache) {
    super();
  }

  get(profileId: string): Promise<JourneyState | null> {
    return this.cache.get(profileId);
  }
}
