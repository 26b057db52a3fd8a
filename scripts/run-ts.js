#!/usr/bin/env node
// Runs a TypeScript entry point through SWC (decorator metadata for NestJS, tsconfig path aliases).
const path = require('node:path');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || process.env.TS_NODE_PROJECT;
require('@swc-node/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(entry));
