import { TouchpointError } from '@touchpoint/contracts';
import type { FastifyReply } from 'fastify';

export interface RetiredProfileResponse {
  readonly code: 'TP_PROFILE_RETIRED';
  readonly message: string;
  readonly survivorProfileId: string;
  readonly location: string;
}

/** A merged-away id answers with where its journey lives now: 308 and the survivor's URL of the same resource. */
export function answerRetired(reply: FastifyReply, survivorProfileId: string, resource: 'journey' | 'timeline'): RetiredProfileResponse {
  const location = `/v1/profiles/${survivorProfileId}/${resource}`;
  void reply.status(308).header('location', location);
  return { code: 'TP_PROFILE_RETIRED', message: `the profile was merged into ${survivorProfileId}`, survivorProfileId, location };
}

export function profileNotFound(profileId: string): TouchpointError {
  return new TouchpointError('TP_PROFILE_NOT_FOUND', `no journey for profile ${profileId}`);
}
