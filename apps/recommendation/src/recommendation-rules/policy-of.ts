import type { RecommendationSettings } from '@touchpoint/config';
import type { RetargetingPolicy } from './retargeting-clock';

export const retargetingPolicyOf = (settings: RecommendationSettings): RetargetingPolicy => ({
  maxProducts: settings.retargetingMaxProducts,
  expiryMs: settings.retargetingExpiryMs,
  cooldownMs: settings.retargetingCooldownMs,
});
