export { ProfileCache, type CachedJourney } from './lib/profile-cache';
export { ProfileCacheModule } from './lib/profile-cache.module';
export { journeyStateSchema } from './lib/journey-state.schema';
export { noRecommendationsPublished, publishedRecommendationsSchema, type PublishedRecommendations } from './lib/published-recommendations';
