#!/usr/bin/env node
// `npm test`: type-check, lint, then unit, integration (real PostgreSQL + NATS) and end-to-end (real processes) tests.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT, ensureDependencies, ensureInfrastructure } = require('./lib/infra');

const extra = process.argv.slice(2);
const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const steps = [
  { name: 'typecheck', cmd: [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  // The module-boundary rule reads Nx's project graph; compute it first so the rule is never skipped.
  { name: 'project-graph', cmd: [path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'] },
  { name: 'lint', cmd: [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'] },
  { name: 'unit', cmd: [jest, '--selectProjects', 'unit', ...extra], jest: true },
  { name: 'integration', cmd: [jest, '--selectProjects', 'int', '--maxWorkers=2', ...extra], jest: true },
  { name: 'e2e', cmd: [jest, '--selectProjects', 'e2e', '--runInBand', ...extra], jest: true },
];

async function main() {
  ensureDependencies();
  await ensureInfrastructure({
    databaseUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env.NATS_URL || 'nats://127.0.0.1:4222',
  });
  const only = process.env.TEST_STEPS ? process.env.TEST_STEPS.split(',') : null;
  const results = [];
  for (const step of steps) {
    if (only && !only.includes(step.name)) continue;
    const started = Date.now();
    process.stdout.write(`\n=== ${step.name} ===\n`);
    const jsonOut = step.jest ? path.join(require('node:os').tmpdir(), `jest-${step.name}-${process.pid}.json`) : null;
    const args = jsonOut ? [...step.cmd, '--json', `--outputFile=${jsonOut}`] : step.cmd;
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
    let counts = null;
    if (jsonOut) {
      try {
        const report = require(jsonOut);
        counts = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
      } catch {
        counts = null;
      }
    }
    results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000, counts });
    if (run.status !== 0) break;
  }
  process.stdout.write('\n=== summary ===\n');
  let passed = 0, failed = 0, skipped = 0;
  for (const r of results) {
    if (r.counts) { passed += r.counts.passed; failed += r.counts.failed; skipped += r.counts.skipped; }
    const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped)` : '';
    process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${r.seconds.toFixed(1)}s${counts}\n`);
  }
  const allOk = results.length > 0 && results.every((r) => r.ok) && (only || results.length === steps.length);
  if (!allOk && failed === 0) failed = 1;
  process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exit(allOk ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`npm test could not run: ${error.message}\n`);
  process.exit(1);
});
