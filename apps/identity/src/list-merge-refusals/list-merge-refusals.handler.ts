import { Injectable } from '@nestjs/common';
import { ProfileHistory, type RefusalsView } from '../domain/profile-history';
import type { ListMergeRefusalsQuery } from './list-merge-refusals.query';

/** What the guards and rules stopped: for operators checking that a shared card stopped merging, and why. */
@Injectable()
export class ListMergeRefusalsHandler {
  constructor(private readonly history: ProfileHistory) {}

  execute(query: ListMergeRefusalsQuery): Promise<RefusalsView> {
    return this.history.refusals(query.query);
  }
}
