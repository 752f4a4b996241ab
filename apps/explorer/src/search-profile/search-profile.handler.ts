import { PersonalDataHasher } from '@touchpoint/personal-data';
import { z } from 'zod';
import type { IdentifierView, SearchAnswer } from '../explorer-api/explorer-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import { identifiersAnswer, lookupAnswer } from '../upstream/upstream-schemas';
import type { SearchProfileRequest } from './search-profile.request.dto';

export interface SearchProfileSettings {
  readonly identityUrl: string;
  readonly hashSecret: string;
  readonly defaultPhoneRegion: string | null;
}

const profileId = z.uuid();

/**
 * Finds the profile of any identifier through identity's lookup. Email and phone are hashed
 * here first, with the same library and secret identity keys them with, and looked up by hash:
 * the value is never sent on, and the page marks the matching stored identifier by it.
 */
export class SearchProfileHandler {
  private readonly hasher: PersonalDataHasher;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly settings: SearchProfileSettings,
  ) {
    this.hasher = new PersonalDataHasher(settings.hashSecret);
  }

  async execute(request: SearchProfileRequest, token: string | null): Promise<SearchAnswer> {
    if (request.type === 'profileId') return this.byProfileId(request.value, token);
    // Email and phone are hashed here, with identity's key: the value never leaves the explorer in clear.
    const stored = this.storedForm(request);
    if ((request.type === 'email' || request.type === 'phone') && stored.value === '') return { kind: 'not_found' };
    const hashed = request.type === 'email' || request.type === 'phone';
    const query = new URLSearchParams({ type: request.type, value: stored.value, ...(hashed ? { hashed: 'true' } : {}), ...(request.chain ? { chain: request.chain } : {}) });
    const found = await this.upstream.call(`${this.settings.identityUrl}/v1/profiles/lookup?${query.toString()}`, lookupAnswer, { token });
    if (found.ok) return { kind: 'found', profileId: found.value.profileId, matched: stored };
    if (found.status === 404) return { kind: 'not_found' };
    return { kind: 'unavailable', status: found.status, code: found.code, message: found.message };
  }

  private async byProfileId(value: string, token: string | null): Promise<SearchAnswer> {
    if (!profileId.safeParse(value).success) return { kind: 'not_found' };
    const found = await this.upstream.call(`${this.settings.identityUrl}/v1/profiles/${value}/identifiers`, identifiersAnswer, { token });
    if (found.ok) return { kind: 'found', profileId: found.value.profileId, matched: { type: 'profileId', value } };
    if (found.status === 404) return { kind: 'not_found' };
    return { kind: 'unavailable', status: found.status, code: found.code, message: found.message };
  }

  /** What the page looks for among the identifiers: the keyed hash of an email or phone, the value otherwise. */
  private storedForm(request: SearchProfileRequest): IdentifierView {
    if (request.type === 'email') return { type: 'email', value: this.hasher.emailHash(request.value) ?? '' };
    if (request.type === 'phone') return { type: 'phone', value: this.hasher.phoneHash(request.value, this.settings.defaultPhoneRegion) ?? '' };
    return { type: request.type, value: request.value };
  }
}
