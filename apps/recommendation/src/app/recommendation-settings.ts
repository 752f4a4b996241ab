/** The recommendation service's runtime settings (`ServiceConfig.recommendation`). */
export const RECOMMENDATION_SETTINGS = Symbol('RECOMMENDATION_SETTINGS');
