import fs from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Vite names bundles by content hash, so they can be cached for good; index.html never. */
  readonly immutable: boolean;
}

/** The page as Vite built it, read from its folder; nothing outside the folder is ever served. */
export class WebAssets {
  private readonly root: string;

  constructor(webDir: string) {
    this.root = path.resolve(webDir);
  }

  get indexFile(): string {
    return path.join(this.root, 'index.html');
  }

  /** null when there is no such file (or the path leaves the folder). */
  async read(relative: string): Promise<WebAsset | null> {
    const file = path.resolve(this.root, relative);
    if (!file.startsWith(this.root + path.sep)) return null;
    const contentType = contentTypes[path.extname(file)];
    if (!contentType) return null;
    try {
      return { body: await fs.readFile(file), contentType, immutable: relative.startsWith('assets/') };
    } catch {
      return null;
    }
  }
}
