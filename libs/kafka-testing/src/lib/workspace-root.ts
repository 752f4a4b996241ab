import fs from 'node:fs';
import path from 'node:path';

/** The directory holding nx.json, found by walking up from this file. */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('not inside the Touchpoint workspace');
    dir = parent;
  }
  return dir;
}
