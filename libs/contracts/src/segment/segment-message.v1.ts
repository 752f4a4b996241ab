import { z } from 'zod';
import { segmentContextSchema } from './segment-context';
import { isoTimestamp } from './timestamps';

const identity = z.string().trim().min(1).max(256);
const freeform = z.record(z.string(), z.unknown());

/**
 * Fields common to every Segment message, as they look after ingest accepted them:
 * messageId present, timestamps normalized to ISO 8601, receivedAt stamped by ingest.
 */
const common = {
  messageId: z.string().min(1).max(256),
  anonymousId: identity.nullish(),
  userId: identity.nullish(),
  context: segmentContextSchema.default({}),
  integrations: freeform.optional(),
  /** When the event happened, corrected for client clock skew (Segment's rule). */
  timestamp: isoTimestamp,
  /** The client's own timestamp before skew correction. */
  originalTimestamp: isoTimestamp.optional(),
  sentAt: isoTimestamp.optional(),
  receivedAt: isoTimestamp,
};

export const trackMessageSchema = z.looseObject({
  ...common,
  type: z.literal('track'),
  event: z.string().trim().min(1).max(200),
  properties: freeform.default({}),
});

export const identifyMessageSchema = z.looseObject({ ...common, type: z.literal('identify'), traits: freeform.default({}) });

export const pageMessageSchema = z.looseObject({
  ...common,
  type: z.literal('page'),
  name: z.string().max(200).optional(),
  properties: freeform.default({}),
});

export const screenMessageSchema = z.looseObject({
  ...common,
  type: z.literal('screen'),
  name: z.string().max(200).optional(),
  properties: freeform.default({}),
});

export const groupMessageSchema = z.looseObject({ ...common, type: z.literal('group'), groupId: identity, traits: freeform.default({}) });

export const aliasMessageSchema = z.looseObject({ ...common, type: z.literal('alias'), previousId: identity, userId: identity });

/** Who an event is about: at least one identifier must be present. */
export function hasIdentity(message: {
  anonymousId?: string | null;
  userId?: string | null;
  context: { loyaltyId?: string; posCustomerId?: string };
}): boolean {
  return Boolean(message.anonymousId || message.userId || message.context.loyaltyId || message.context.posCustomerId);
}

export const segmentMessageSchema = z
  .discriminatedUnion('type', [
    trackMessageSchema,
    identifyMessageSchema,
    pageMessageSchema,
    screenMessageSchema,
    groupMessageSchema,
    aliasMessageSchema,
  ])
  .refine(hasIdentity, { message: 'one of anonymousId, userId, context.loyaltyId or context.posCustomerId is required', path: ['anonymousId'] });

export type SegmentMessage = z.infer<typeof segmentMessageSchema>;
export type TrackMessage = z.infer<typeof trackMessageSchema>;
export type IdentifyMessage = z.infer<typeof identifyMessageSchema>;
