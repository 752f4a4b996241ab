/** The journey service's runtime settings (`ServiceConfig.journey`), injected where loops and batches need them. */
export const JOURNEY_SETTINGS = Symbol('JOURNEY_SETTINGS');
