import { z } from 'zod';
import { clientTimestampSchema } from './client-timestamp';

const freeform = z.record(z.string(), z.unknown());

/** The single-message endpoints; each names the type of the message it takes. */
export type SingleMessageType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

/** Body of /v1/track, /v1/identify, /v1/page, /v1/screen, /v1/group, /v1/alias: one message; its fields are checked while normalizing. */
export const singleMessageRequestSchema = z.looseObject({});

/** Body of /v1/batch and /v1/import (Segment HTTP Tracking API): messages carry their own `type`. */
export const batchRequestSchema = z.looseObject({
  /** Each item is checked on its own while normalizing, so one response names every bad message. */
  batch: z.array(z.unknown()),
  context: freeform.optional(),
  integrations: freeform.optional(),
  sentAt: clientTimestampSchema,
});
