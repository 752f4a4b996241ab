import type { SimilarProducts } from '../signals/similar-products';
import type { AccessoryCatalog } from './accessory-catalog';
import type { RetargetingPolicy } from './retargeting-clock';

/** Everything beside a profile's own state that a decision reads. */
export interface DecisionContext {
  readonly catalog: AccessoryCatalog;
  /** The co-occurrence snapshot; none when unset. */
  readonly signals?: SimilarProducts;
  /** Retargeting limits and expiry; none when unset. */
  readonly policy?: RetargetingPolicy;
  /** The decision's time (epoch ms) for expiry; the cause's own time when unset. */
  readonly now?: number;
}
