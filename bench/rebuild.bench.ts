/**
 * Read-model rebuild benchmark (issue 8): events/s and peak RSS of `npm run rebuild` over ~1,000,000 events
 * (10,000 jobs, 100,000 executions with logs, failures, time-outs and retries). Target: >= 20,000 events/s with
 * bounded RSS (streaming reads, write-behind cache of bounded size). Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/rebuild.bench.ts
 *   BENCH_JOBS=1000 BENCH_EXECUTIONS_PER_JOB=10 node scripts/run-ts.js bench/rebuild.bench.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ensureEventStoreSchema } from '@cp/event-store';
import { createReadModelDataSource, runMigrations, syntheticHistory } from '@cp/read-model';
import { bulkLoad } from './rebuild-bench-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const EXECUTIONS_PER_JOB = Number(process.env.BENCH_EXECUTIONS_PER_JOB ?? 10);
/** With 3 log events per attempt an execution has ~8 events on average; 22 job changes bring the total to ~1M. */
const JOB_CHANGES = Number(process.env.BENCH_JOB_CHANGES ?? 22);

async function main(): Promise<void> {
  // BENCH_SCHEMA: rebuild an existing schema again (loaded by an earlier run with BENCH_KEEP=1) instead of loading one.
  const reuse = process.env.BENCH_SCHEMA;
  const schema = reuse ?? `bench_rebuild_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    if (!reuse) await load(pool, schema);
    // Twice: with V8's default heap (it collects lazily, so the RSS is mostly garbage) and capped at 256 MB.
    for (const heapCapMiB of [null, 256]) {
      const rebuild = await runRebuild(schema, heapCapMiB);
      const counts = await pool.query(`SELECT (SELECT count(*) FROM "${schema}".jobs) AS jobs, (SELECT count(*) FROM "${schema}".executions) AS executions, (SELECT count(*) FROM "${schema}".execution_logs) AS log_lines`);
      process.stdout.write(`${JSON.stringify({
        benchmark: 'rebuild', events: rebuild.events, seconds: rebuild.seconds, events_per_second: rebuild.events_per_second, peak_rss_mib: rebuild.peakRssMiB,
        heap_cap_mib: heapCapMiB, rows: counts.rows[0], target_events_per_second: 20_000, met: rebuild.events_per_second >= 20_000,
      })}\n`);
    }
  } finally {
    if (!reuse && !process.env.BENCH_KEEP) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    else process.stderr.write(`kept schema ${schema}\n`);
    await pool.end();
  }
}

async function load(pool: Pool, schema: string): Promise<void> {
  await ensureEventStoreSchema(pool, schema);
  const readModel = await createReadModelDataSource({ databaseUrl: DATABASE_URL, schema, poolSize: 2 });
  await runMigrations(readModel);
  await readModel.destroy();
  const started = Date.now();
  const history = syntheticHistory({ organizationId: 'org-bench', jobs: JOBS, executionsPerJob: EXECUTIONS_PER_JOB, jobChangesPerJob: JOB_CHANGES, concurrency: 50, logEventsPerAttempt: 3, maxStepMs: 50 });
  const events = await bulkLoad(pool, schema, history, (n) => process.stderr.write(`\rloading ${n.toLocaleString('en-US')} events`));
  process.stderr.write(`\rloaded ${events.toLocaleString('en-US')} events in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  await pool.query(`VACUUM ANALYZE "${schema}".events`);
}

type RebuildRun = { events: number; seconds: number; events_per_second: number; peakRssMiB: number };

/** `npm run rebuild` as its own process (progress on this terminal), its RSS sampled from /proc every 100 ms. */
function runRebuild(schema: string, heapCapMiB: number | null): Promise<RebuildRun> {
  return new Promise((done, fail) => {
    const heap = heapCapMiB === null ? [] : [`--max-old-space-size=${heapCapMiB}`];
    const child = spawn(process.execPath, [...heap, 'scripts/run-ts.js', 'apps/projector/src/rebuild.ts'], {
      cwd: resolve(__dirname, '..'), env: { ...process.env, DATABASE_URL, DB_SCHEMA: schema, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peakKiB = 0;
    const sampler = setInterval(() => {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
      } catch {
        // The process has just exited.
      }
    }, 100);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) return fail(new Error(`rebuild exited with ${code}`));
      const summary = JSON.parse(stdout.trim().split('\n').pop() as string) as Omit<RebuildRun, 'peakRssMiB'>;
      done({ ...summary, peakRssMiB: Math.round(peakKiB / 1024) });
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`\nrebuild benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
