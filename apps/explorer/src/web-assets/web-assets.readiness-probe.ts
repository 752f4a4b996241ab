import fs from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ReadinessProbe } from '@touchpoint/service-runtime';
import { WebAssets } from './web-assets';

/** Not ready without the built page: the explorer would answer every visit with a 404. */
@Injectable()
export class WebAssetsReadinessProbe extends ReadinessProbe {
  readonly name = 'web-assets';

  constructor(private readonly assets: WebAssets) {
    super();
  }

  async check(): Promise<void> {
    await fs.access(this.assets.indexFile);
  }
}
