#!/usr/bin/env node
// After `tsc -p libs/sdk/tsconfig.lib.json`: the compiled SDK still names its one dependency by the monorepo alias
// (@cp/contracts), which a consumer of the published package cannot resolve. tsc compiled contracts into dist/ too,
// so rewrite each alias to a relative path to that copy.
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
const ALIASES = { '@cp/contracts': path.join(DIST, 'contracts', 'src', 'index') };

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.(js|d\.ts)$/.test(entry.name) ? [full] : [];
  });
}

function relative(from, target) {
  const rel = path.relative(path.dirname(from), target).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

if (!fs.existsSync(DIST)) {
  console.error(`${DIST} does not exist: run tsc -p libs/sdk/tsconfig.lib.json first`);
  process.exit(1);
}
let rewritten = 0;
for (const file of files(DIST)) {
  const text = fs.readFileSync(file, 'utf8');
  let next = text;
  for (const [alias, target] of Object.entries(ALIASES)) next = next.split(`"${alias}"`).join(`"${relative(file, target)}"`).split(`'${alias}'`).join(`'${relative(file, target)}'`);
  if (next !== text) {
    fs.writeFileSync(file, next);
    rewritten += 1;
  }
}
const left = files(DIST).filter((file) => /["']@cp\//.test(fs.readFileSync(file, 'utf8')));
if (left.length > 0) {
  console.error(`Unresolved monorepo aliases remain in: ${left.join(', ')}`);
  process.exit(1);
}
console.log(`sdk build: rewrote aliases in ${rewritten} files`);
