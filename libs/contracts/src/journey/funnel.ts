import { z } from 'zod';

/** Funnel stages, in order of depth. */
export const funnelStages = ['awareness', 'consideration', 'action', 'loyalty', 'advocacy'] as const;
export type FunnelStage = (typeof funnelStages)[number];
export const funnelStageSchema = z.enum(funnelStages);
