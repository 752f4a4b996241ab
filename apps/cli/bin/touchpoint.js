#!/usr/bin/env node
'use strict';
// The `touchpoint` command of the root package.json `bin`. A clone needs `npm ci` and nothing
// built: the first run bundles the TypeScript sources (the CLI and the workspace libraries it
// imports, path aliases from tsconfig.base.json) with esbuild into node_modules/.cache, and
// later runs reuse that bundle until a source file is newer. Compiling on every start would
// cost seconds; loading the bundle costs what loading its dependencies costs.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const entry = path.join(root, 'apps', 'cli', 'src', 'main.ts');
const bundle = path.join(root, 'node_modules', '.cache', 'touchpoint-cli', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    if (item.name === 'node_modules' || item.name.startsWith('.')) continue;
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sources = Math.max(newestMtime(path.join(root, 'apps', 'cli', 'src')), newestMtime(path.join(root, 'libs')), fs.statSync(path.join(root, 'tsconfig.base.json')).mtimeMs);
    return built >= sources;
  } catch {
    return false;
  }
}

function build() {
  require('esbuild').buildSync({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    sourcemap: 'inline',
    logLevel: 'error',
  });
}

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
let runnable = bundleIsCurrent();
if (!runnable) {
  try {
    build();
    runnable = true;
  } catch (error) {
    process.stderr.write(`touchpoint: could not bundle the sources (${error.message}); compiling them on the fly instead\n`);
  }
}
if (runnable) {
  require(bundle);
} else {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
  require('@swc-node/register');
  require(entry);
}
