#!/usr/bin/env node
// `npm run bench [name...]`: runs bench/*.bench.ts one after another (never in tests), each against its own schema
// and NATS namespace, and prints their results. Record results in docs/benchmarks.md with the machine and the date.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, ensureDependencies, ensureInfrastructure } = require('./lib/infra');

async function main() {
  ensureDependencies();
  await ensureInfrastructure({
    databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env.NATS_URL || 'nats://127.0.0.1:4222',
  });
  const wanted = process.argv.slice(2);
  const files = fs.readdirSync(path.join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.ts')).filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w))).sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${wanted.join(', ') || '(any)'} in bench/`);
  process.stdout.write(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}\n`);
  let failed = 0;
  for (const file of files) {
    process.stdout.write(`\n=== ${file} ===\n`);
    const run = spawnSync(process.execPath, ['--expose-gc', path.join(ROOT, 'scripts', 'run-ts.js'), path.join('bench', file)], { cwd: ROOT, stdio: 'inherit', env: process.env });
    if (run.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`npm run bench: ${error.message}\n`);
  process.exit(1);
});
