import type { WriteKeySource } from '@touchpoint/config';

/** The write keys this installation accepts, each naming its source (site, app, POS) and kind. */
export class WriteKeys {
  constructor(private readonly keys: ReadonlyMap<string, WriteKeySource>) {}

  find(key: string): WriteKeySource | undefined {
    return this.keys.get(key);
  }

  sourceOf(key: string): string | undefined {
    return this.keys.get(key)?.source;
  }
}
