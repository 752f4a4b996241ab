/** `npm run contracts:asyncapi`: writes docs/asyncapi.json from the topic declarations. */
import fs from 'node:fs';
import path from 'node:path';
import { buildAsyncApiDocument } from '@touchpoint/contracts';

const root = path.resolve(__dirname, '../..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const target = path.join(root, 'docs', 'asyncapi.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(version), null, 2)}\n`);
console.log(`wrote ${path.relative(root, target)}`);
