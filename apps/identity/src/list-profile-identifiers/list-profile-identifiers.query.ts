/** Every identifier of one live profile. */
export class ListProfileIdentifiersQuery {
  constructor(readonly profileId: string) {}
}
