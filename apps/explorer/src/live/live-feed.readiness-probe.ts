import { Injectable } from '@nestjs/common';
import { ReadinessProbe } from '@touchpoint/service-runtime';
import { LiveFeed } from './live-feed';

/** Ready once the live feed reads the topics: a page opened before that would miss updates. */
@Injectable()
export class LiveFeedReadinessProbe extends ReadinessProbe {
  readonly name = 'live-feed';

  constructor(private readonly feed: LiveFeed) {
    super();
  }

  async check(): Promise<void> {
    if (!this.feed.isJoined) throw new Error('not yet reading tp.journey.transitions.v2 and the recommendations topic');
  }
}
