import { Injectable } from '@nestjs/common';
import type { JourneyLookup } from '../journey-record/journey-document';
import { JourneyCache, JourneyRecord } from '../journey-record/journey-record';
import type { GetJourneyQuery } from './get-journey.query';

/** Read-through: the cache when it has the document, else the state of record (and the cache learns it). */
@Injectable()
export class GetJourneyHandler {
  constructor(
    private readonly cache: JourneyCache,
    private readonly record: JourneyRecord,
  ) {}

  async execute(query: GetJourneyQuery): Promise<JourneyLookup> {
    const cached = await this.cache.get(query.profileId);
    if (cached) return { kind: 'found', document: cached };
    const found = await this.record.read(query.profileId);
    if (found.kind === 'found') await this.cache.put([found.document]);
    return found;
  }
}
