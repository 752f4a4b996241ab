import { channels, productFactsSchema } from '@touchpoint/contracts';
import type { JourneyState } from '@touchpoint/journey-model';
import { z } from 'zod';

const timestamp = z.number();

/** The stored form of a journey state, checked on every read: the cache is shared and outlives deployments. */
export const journeyStateSchema = z.object({
  profileId: z.string().min(1),
  firstSeenAt: timestamp.nullable(),
  lastSeenAt: timestamp.nullable(),
  products: z.record(z.string(), productFactsSchema),
  orders: z.record(z.string(), z.object({ at: timestamp, amount: z.number(), channel: z.enum(channels) })),
  refunds: z.record(z.string(), z.object({ at: timestamp, amount: z.number() })),
  touchpoints: z.partialRecord(z.enum(channels), timestamp),
  advocacyAt: timestamp.nullable(),
}) satisfies z.ZodType<JourneyState>;
