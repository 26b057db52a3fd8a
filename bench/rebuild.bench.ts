/**
 * Read-model rebuild benchmark (issue 8): events/s and peak RSS of `npm run rebuild` over ~1,000,000 events
 * (10,000 jobs, 100,000 executions with logs, failures, time-outs and retries). Target: >= 20,000 events/s with
 * bounded RSS (streaming reads, write-behind cache of bounded size). Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/rebuild.bench.ts
 *   BENCH_JOBS=1000 BENCH_EXECUTIONS_PER_JOB=10 node scripts/run-ts.js bench/rebuild.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createEventStore, ensureEventStoreSchema } from '@cp/event-store';
import { createReadModelDataSource, progressSink, rebuildReadModels, runMigrations, syntheticHistory } from '@cp/read-model';
import { bulkLoad, rssSampler } from './rebuild-bench-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const EXECUTIONS_PER_JOB = Number(process.env.BENCH_EXECUTIONS_PER_JOB ?? 10);
/** With 3 log events per attempt an execution has ~8 events on average; 22 job changes bring the total to ~1M. */
const JOB_CHANGES = Number(process.env.BENCH_JOB_CHANGES ?? 22);

async function main(): Promise<void> {
  const schema = `bench_rebuild_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    await ensureEventStoreSchema(pool, schema);
    const readModel = await createReadModelDataSource({ databaseUrl: DATABASE_URL, schema, poolSize: 1 });
    await runMigrations(readModel);
    await readModel.destroy();
    const loadStarted = Date.now();
    const history = syntheticHistory({ organizationId: 'org-bench', jobs: JOBS, executionsPerJob: EXECUTIONS_PER_JOB, jobChangesPerJob: JOB_CHANGES, concurrency: 50, logEventsPerAttempt: 3, maxStepMs: 50 });
    const events = await bulkLoad(pool, schema, history, (n) => process.stderr.write(`\rloading ${n.toLocaleString('en-US')} events`));
    process.stderr.write(`\rloaded ${events.toLocaleString('en-US')} events in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s\n`);
    await pool.query(`VACUUM ANALYZE "${schema}".events`);

    const eventStore = await createEventStore({ eventStore: 'postgres', eventStoreDbUrl: null }, pool, schema);
    const rss = rssSampler();
    const report = await rebuildReadModels({ databaseUrl: DATABASE_URL, schema, eventStore, progress: progressSink(process.stderr) });
    const peakRssMiB = rss.stop();
    const counts = await pool.query(`SELECT (SELECT count(*) FROM "${schema}".jobs) AS jobs, (SELECT count(*) FROM "${schema}".executions) AS executions, (SELECT count(*) FROM "${schema}".execution_logs) AS log_lines`);
    process.stdout.write(`${JSON.stringify({
      benchmark: 'rebuild', events: report.events, seconds: report.seconds, events_per_second: report.eventsPerSecond, peak_rss_mib: peakRssMiB,
      rows: counts.rows[0], target_events_per_second: 20_000, met: report.eventsPerSecond >= 20_000,
    })}\n`);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nrebuild benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
