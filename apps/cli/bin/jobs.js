#!/usr/bin/env node
'use strict';
// The `jobs` command line: runs apps/cli/src/main.ts through SWC, as scripts/run-ts.js does for the services.
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(root, 'tsconfig.json');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || process.env.TS_NODE_PROJECT;
require('@swc-node/register');
const { run } = require(path.join(__dirname, '..', 'src', 'main.ts'));
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`jobs: unexpected failure: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
