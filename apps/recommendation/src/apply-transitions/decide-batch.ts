import type { RecommendationMessage } from '@touchpoint/contracts';
import type { DecisionContext } from '../recommendation-rules/decision-context';
import { reactToTransition } from '../recommendation-rules/react-to-transition';
import type { DecidedProfile } from '../recommendation-record/recommendation-record';
import type { RecommendationState } from '../recommendation-view/recommendation-state';
import { factsOf } from '../recommendation-view/recommendation-view';
import type { ArrivedTransition } from './apply-transitions.command';

/** Each profile's transitions of a batch, decided one after the other from its stored state; profiles nothing moved for are left out. */
export function decideBatch(arrived: readonly ArrivedTransition[], states: ReadonlyMap<string, RecommendationState>, context: DecisionContext): DecidedProfile[] {
  const byProfile = new Map<string, ArrivedTransition[]>();
  for (const item of arrived) {
    const list = byProfile.get(item.transition.profileId) ?? [];
    list.push(item);
    byProfile.set(item.transition.profileId, list);
  }
  const decided: DecidedProfile[] = [];
  for (const [profileId, items] of byProfile) {
    const stored = states.get(profileId);
    if (stored === undefined) continue; // erased
    let state = stored;
    const messages: RecommendationMessage[] = [];
    const acceptedAt = new Map<string, number>();
    for (const { transition, acceptedAt: accepted } of items) {
      const reaction = reactToTransition(state, transition, context);
      if (reaction === null) continue;
      state = reaction.state;
      messages.push(...reaction.messages);
      if (accepted !== null) for (const message of reaction.messages) acceptedAt.set(message.id, accepted);
    }
    if (state === stored) continue;
    decided.push({ profileId, state, messages, retiredInto: factsOf(state.view).retiredInto, acceptedAt });
  }
  return decided;
}
