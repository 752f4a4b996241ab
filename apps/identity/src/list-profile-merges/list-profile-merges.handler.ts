import { Injectable } from '@nestjs/common';
import { TouchpointError } from '@touchpoint/contracts';
import { ProfileHistory, type ProfileHistoryView } from '../domain/profile-history';
import type { ListProfileMergesQuery } from './list-profile-merges.query';

/** Answers for merged profiles too: explaining where a customer went is the point of the log. */
@Injectable()
export class ListProfileMergesHandler {
  constructor(private readonly history: ProfileHistory) {}

  async execute(query: ListProfileMergesQuery): Promise<ProfileHistoryView> {
    const view = await this.history.historyOf(query.profileId);
    if (!view) throw new TouchpointError('TP_PROFILE_NOT_FOUND', `no profile ${query.profileId}`);
    return view;
  }
}
