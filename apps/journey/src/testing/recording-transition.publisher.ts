import type { JourneyTransition } from '@touchpoint/contracts';
import { TransitionPublisher } from '../journey-state/transition.publisher';

export class RecordingTransitionPublisher extends TransitionPublisher {
  readonly published: JourneyTransition[] = [];
  /** Set to make the next publish fail, as a broker outage would. */
  failNext: Error | null = null;

  async publish(transition: JourneyTransition): Promise<void> {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    this.published.push(transition);
  }
}
