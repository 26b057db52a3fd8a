/**
 * Projector catch-up benchmark: events/s of the live ProjectionRunner (the `read-model` projections, batches of up to
 * 200 events, one transaction each) over a synthetic history of many executions across a few jobs (requested,
 * dispatched, started, output logged, succeeded / failed / timed out, some retries), and the CPU it costs per event in
 * Node and in the PostgreSQL backends of the read-model connections. Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/projector.bench.ts
 *   BENCH_JOBS=20 BENCH_EXECUTIONS_PER_JOB=250 BENCH_RUNS=3 node scripts/run-ts.js bench/projector.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { EVENT_VERSIONING } from '@cp/domain';
import { createEventStore, ensureEventStoreSchema, UpcastingEventStore } from '@cp/event-store';
import { createReadModelDataSource, ProjectionRunner, READ_MODEL_PROJECTIONS, runMigrations, syntheticHistory } from '@cp/read-model';
import { bulkLoad } from './rebuild-bench-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JOBS = Number(process.env.BENCH_JOBS ?? 40);
const EXECUTIONS_PER_JOB = Number(process.env.BENCH_EXECUTIONS_PER_JOB ?? 250);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const APPLICATION = 'bench-projector';
const TRUNCATED = ['jobs', 'executions', 'execution_logs', 'registry_entries', 'audit_executions', 'audit_snapshots', 'projection_checkpoints'];

async function main(): Promise<void> {
  const schema = `bench_projector_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    await ensureEventStoreSchema(pool, schema);
    const history = syntheticHistory({ organizationId: 'org-bench', jobs: JOBS, executionsPerJob: EXECUTIONS_PER_JOB, jobChangesPerJob: 2, concurrency: 50, logEventsPerAttempt: 1, maxStepMs: 50 });
    const events = await bulkLoad(pool, schema, history);
    await pool.query(`VACUUM ANALYZE "${schema}".events`);
    process.stderr.write(`loaded ${events.toLocaleString('en-US')} events (${JOBS} jobs, ${(JOBS * EXECUTIONS_PER_JOB).toLocaleString('en-US')} executions)\n`);
    const eventStore = new UpcastingEventStore(await createEventStore({ eventStore: 'postgres', eventStoreDbUrl: null }, pool, schema), EVENT_VERSIONING);
    const head = (await eventStore.headPosition()) as string;
    const dataSource = await createReadModelDataSource({ databaseUrl: DATABASE_URL, schema, poolSize: 4, applicationName: APPLICATION });
    try {
      await runMigrations(dataSource);
      for (let run = 1; run <= RUNS; run++) {
        await dataSource.query(`TRUNCATE ${TRUNCATED.map((table) => `"${schema}".${table}`).join(', ')}`);
        const runner = new ProjectionRunner({ dataSource, eventStore, name: 'read-model', projections: [...READ_MODEL_PROJECTIONS] });
        const backends = await backendCpu(dataSource);
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        const done = new Promise<void>((resolve) => runner.on('progress', ({ position }: { position: string }) => position === head && resolve()));
        const failed = new Promise<never>((_, reject) => runner.once('failure', ({ error }: { error: unknown }) => reject(error)));
        await runner.start();
        await Promise.race([done, failed]);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const nodeCpu = process.cpuUsage(cpu);
        const pgCpuMs = (await backendCpu(dataSource)).total - backends.total;
        await runner.stop();
        const rows = (await dataSource.query(`SELECT (SELECT count(*) FROM "${schema}".jobs)::int AS jobs, (SELECT count(*) FROM "${schema}".executions)::int AS executions,
          (SELECT count(*) FROM "${schema}".execution_logs)::int AS log_lines, (SELECT sum(total_executions) FROM "${schema}".jobs)::int AS total_executions`)) as unknown[];
        process.stdout.write(`${JSON.stringify({
          benchmark: 'projector', run, events, seconds: round(seconds), events_per_second: Math.round(events / seconds),
          node_cpu_us_per_event: round((nodeCpu.user + nodeCpu.system) / events), pg_cpu_us_per_event: round((pgCpuMs * 1000) / events),
          node_cpu_share: round((nodeCpu.user + nodeCpu.system) / 1e6 / seconds), rows: rows[0],
        })}\n`);
      }
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

/**
 * CPU (ms) used so far by the PostgreSQL backends of the read-model connections, from /proc (PostgreSQL runs on this
 * host). The pool may open connections during the run; those started at zero, so the difference still counts them.
 */
async function backendCpu(dataSource: DataSource): Promise<{ total: number }> {
  const rows = (await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [APPLICATION])) as { pid: number }[];
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not on this host, or the backend has just exited.
    }
  }
  return { total: ticks * 10 };
}

const round = (value: number): number => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`\nprojector benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
