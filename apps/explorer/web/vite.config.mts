import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/** Builds the page into dist/apps/explorer/web, where the explorer serves it from. */
export default defineConfig({
  root: here,
  base: '/',
  // JSX compiled for Preact by Vite's own transformer: no Babel, no framework plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(here, '../../../dist/apps/explorer/web'),
    emptyOutDir: true,
    sourcemap: false,
  },
});
