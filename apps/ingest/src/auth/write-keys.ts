/** The write keys this installation accepts, each naming its source (site, app, POS). */
export class WriteKeys {
  constructor(private readonly keys: ReadonlyMap<string, string>) {}

  sourceOf(key: string): string | undefined {
    return this.keys.get(key);
  }
}
