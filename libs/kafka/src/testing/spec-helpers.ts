import type { ProfilesMerged } from '@touchpoint/contracts';

/** A valid tp.identity.merged.v1 value whose mergeId (and cause) is `id`: what the specs publish and consume. */
export const merged = (id: string): ProfilesMerged => ({
  mergeId: id,
  survivorProfileId: '5f0c6c8e-4d2f-4b7a-9a51-0d7c2b1e9f10',
  mergedProfileIds: ['1b7e3a2c-9f4d-4e8a-8c6b-2a1d3e4f5a6b'],
  reason: 'loyaltyId',
  identifiers: [{ type: 'loyaltyId' as const, value: 'L-1' }],
  mergedAt: new Date().toISOString(),
  causedByMessageId: `m-${id}`,
});

export { waitFor } from '@touchpoint/kafka-testing';
