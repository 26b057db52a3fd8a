/**
 * Scheduler benchmark (issue 5): 10,000 enabled cron jobs on one scheduler process, real jobs service and
 * PostgreSQL event store. Lateness = ExecutionRequested.requested_at - slot (scheduler timer + trigger round trip +
 * the jobs service's decision). Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/scheduler.bench.ts            # both cases, 10,000 jobs each
 *   BENCH_JOBS=2000 BENCH_CASES=shared,pgboss node scripts/run-ts.js bench/scheduler.bench.ts
 *
 * - spread: job i runs at second (i mod 60) of every minute (`S * * * * *`): ~167 slots per second; one full minute.
 * - shared: every job runs at second 0 of each minute (`* * * * *`): 10,000 slots at one instant. Also measures the
 *   scheduler's CPU and RSS while idle between two boundaries (no polling: it should be ~0 %).
 * - pgboss: the shared-minute case on pg-boss 10's cron (bench/scheduler-pgboss.ts), BENCH_PGBOSS_JOBS schedules
 *   (default 2,000: pg-boss 10 makes a partition table per schedule, and at 10,000 PostgreSQL's default
 *   max_locks_per_transaction runs out: "out of shared memory").
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { EventMetadata, JobDefinition } from '@cp/contracts';
import { PostgresEventStore } from '@cp/event-store';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { fireCollector, latencySummary, nextMinute, processSampler, sleepUntil } from './scheduler-bench-support';
import { pgBossSharedMinute } from './scheduler-pgboss';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const CASES = (process.env.BENCH_CASES ?? 'spread,shared,pgboss').split(',');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type CaseReport = Record<string, unknown>;

const definition = (cron: string): JobDefinition => ({
  name: 'bench', description: null, enabled: true, trigger_type: 'cron', cron_schedule: cron, cron_timezone: 'UTC', planning_mode: 'on_the_fly',
  entity_type: null, entity_id: null, entity_name: null, prompt_template: 'tick', system_prompt: null, executor_type: 'auto',
  worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
});

/** Appends JobCreated events straight to the store (what the jobs service would append), 16 at a time. */
async function seedJobs(store: PostgresEventStore, cronFor: (i: number) => string): Promise<string[]> {
  const ids = Array.from({ length: JOBS }, () => `job_${randomUUID()}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const i = next++;
      const metadata: EventMetadata = { organizationId: 'org-bench', actor: { id: 'bench', email: null }, correlationId: randomUUID(), causationId: null, schemaVersion: 1, occurredAt: new Date().toISOString() };
      await store.append(`job-${ids[i]}`, [{ id: randomUUID(), type: 'JobCreated', data: { job_id: ids[i], organization_id: 'org-bench', definition: definition(cronFor(i)), webhook: null }, metadata }], 'no_stream');
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return ids;
}

async function withServices<T>(work: (services: LaunchedServices, store: PostgresEventStore) => Promise<T>): Promise<T> {
  const services = await launchServices({ services: ['jobs'], readyTimeoutMs: 120_000 });
  const pool = new Pool({ connectionString: services.env.DATABASE_URL, max: 20 });
  try {
    return await work(services, new PostgresEventStore({ pool, schema: services.env.DB_SCHEMA }));
  } finally {
    await pool.end();
    await services.stop();
  }
}

async function startScheduler(services: LaunchedServices, store: PostgresEventStore, cronFor: (i: number) => string) {
  const seedStart = Date.now();
  await seedJobs(store, cronFor);
  const seedMs = Date.now() - seedStart;
  const collector = fireCollector(store, await store.headPosition());
  const started = Date.now();
  const scheduler = await services.startService('scheduler');
  const readyMs = Date.now() - started;
  const jobsService = processSampler(services.service('jobs').pid as number);
  return { collector, sampler: processSampler(scheduler.pid as number), jobsService, seedMs, readyMs, readyAt: Date.now() };
}

async function spreadCase(): Promise<CaseReport> {
  return withServices(async (services, store) => {
    const run = await startScheduler(services, store, (i) => `${i % 60} * * * * *`);
    const minute = nextMinute(run.readyAt + 2000);
    await sleepUntil(minute + 63_000);
    await run.collector.stop();
    run.sampler.stop();
    run.jobsService.stop();
    const fires = run.collector.fires.filter((f) => f.slotMs >= minute && f.slotMs < minute + 60_000);
    return {
      case: `spread: ${JOBS} jobs, ~${Math.round(JOBS / 60)} slots/s`, seed_s: run.seedMs / 1000, scheduler_ready_s: run.readyMs / 1000,
      fired_in_minute: fires.length, duplicates: fires.length - new Set(fires.map((f) => `${f.jobId}@${f.slotMs}`)).size,
      lateness_ms: latencySummary(fires.map((f) => f.latenessMs)), scheduler_while_firing: run.sampler.window(minute, minute + 60_000),
      jobs_service_while_firing: run.jobsService.window(minute, minute + 60_000),
    };
  });
}

async function sharedCase(): Promise<CaseReport> {
  return withServices(async (services, store) => {
    const run = await startScheduler(services, store, () => '* * * * *');
    const boundary = nextMinute(run.readyAt + 2000);
    await sleepUntil(boundary + 55_000);
    await run.collector.stop();
    run.sampler.stop();
    run.jobsService.stop();
    const fires = run.collector.fires.filter((f) => f.slotMs === boundary);
    const lateness = latencySummary(fires.map((f) => f.latenessMs));
    return {
      case: `shared minute: ${JOBS} jobs due at the same instant`, seed_s: run.seedMs / 1000, scheduler_ready_s: run.readyMs / 1000,
      fired_for_boundary: fires.length, all_started_within_s: lateness.max / 1000, lateness_ms: lateness,
      scheduler_at_boundary: run.sampler.window(boundary, boundary + Math.max(2000, lateness.max + 500)),
      jobs_service_at_boundary: run.jobsService.window(boundary, boundary + Math.max(2000, lateness.max + 500)),
      scheduler_idle: run.sampler.window(boundary + 20_000, boundary + 50_000),
    };
  });
}

async function main(): Promise<void> {
  const reports: CaseReport[] = [];
  const record = (report: CaseReport): void => {
    reports.push(report);
    process.stderr.write(`${JSON.stringify(report)}\n`);
  };
  if (CASES.includes('spread')) record(await spreadCase());
  if (CASES.includes('shared')) record(await sharedCase());
  if (CASES.includes('pgboss')) record(await pgBossSharedMinute(DATABASE_URL, Number(process.env.BENCH_PGBOSS_JOBS ?? Math.min(JOBS, 2000))));
  process.stdout.write(`${JSON.stringify({ benchmark: 'scheduler', jobs: JOBS, node: process.version, reports }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
