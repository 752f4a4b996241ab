/** Port: drops what marketing platforms were last told for a profile. */
export abstract class PublishedRecommendationsEraser {
  abstract erase(profileId: string): Promise<void>;
}
