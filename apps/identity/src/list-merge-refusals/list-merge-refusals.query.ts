import type { RefusalsQuery } from '../domain/profile-history';

/** Recent refusals of every profile, and the identifiers marked shared. */
export class ListMergeRefusalsQuery {
  constructor(readonly query: RefusalsQuery) {}
}
