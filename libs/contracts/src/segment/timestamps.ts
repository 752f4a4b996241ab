import { z } from 'zod';

/** ISO 8601 with a zone, as Segment sends and as every topic carries. */
export const isoTimestamp = z.iso.datetime({ offset: true });
