#!/usr/bin/env node
'use strict';
// The `touchpoint` command of the root package.json `bin`: runs the TypeScript sources as the
// services do (`node -r @swc-node/register`, path aliases from tsconfig.base.json), so a clone
// needs `npm ci` and nothing built.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
require('@swc-node/register');
require(path.join(root, 'apps', 'cli', 'src', 'main.ts'));
