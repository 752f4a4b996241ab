/**
 * Compiles the services and the libraries they use to CommonJS in `dist/`, one `.js` per
 * `.ts`, with SWC. esbuild (the `build` targets) drops `emitDecoratorMetadata`, which Nest's
 * dependency injection reads, so the image is built with this instead. Workspace aliases
 * (`@touchpoint/*`) become relative requires, so `node dist/apps/<service>/src/main.js` runs
 * with production dependencies alone.
 *
 * Usage: tsx tools/ops/build-services.ts [outDir]   (default: dist)
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';

const root = path.resolve(__dirname, '../..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const services = ['ingest', 'identity', 'journey', 'recommendation'];
const testOnly = /\.(spec|int-spec|e2e-spec|property\.spec)\.ts$|\.d\.ts$/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !testOnly.test(entry.name) ? [full] : [];
  });
}

const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
const paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((target) => target.replace(/\.ts$/, ''))]));

const roots = [...services.map((name) => path.join(root, 'apps', name, 'src')), ...fs.readdirSync(path.join(root, 'libs')).map((lib) => path.join(root, 'libs', lib, 'src'))];
let count = 0;
for (const file of roots.filter((dir) => fs.existsSync(dir)).flatMap(sources)) {
  const output = transformFileSync(file, {
    swcrc: false,
    sourceMaps: false,
    module: { type: 'commonjs', strictMode: true },
    jsc: {
      target: 'es2022',
      baseUrl: root,
      paths,
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  });
  const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, output.code);
  count += 1;
}
process.stdout.write(`compiled ${count} files into ${path.relative(root, outDir) || '.'}\n`);
