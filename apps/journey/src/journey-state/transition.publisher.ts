import type { JourneyTransition } from '@touchpoint/contracts';

/** Port: tells the rest of the system that a journey moved. Resolves once the broker has it. */
export abstract class TransitionPublisher {
  abstract publish(transition: JourneyTransition, traceId?: string): Promise<void>;
}
