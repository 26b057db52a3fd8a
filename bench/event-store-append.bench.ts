/**
 * Event store append benchmark: appends/s and p50/p99 append latency of one process's PostgresEventStore with
 * 1, 10, 50 and 200 concurrent appenders (closed loop, 1 event per append), to new streams ('no_stream') and to
 * existing streams (each appender owns one stream and appends at its expected revision). Also the CPU that this
 * run's PostgreSQL backends spent per 1,000 appends. Creates and drops its own schema. Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/event-store-append.bench.ts        (or: npm run bench event-store-append)
 *   BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=1 BENCH_CONCURRENCY=1,10,50,200 node scripts/run-ts.js bench/event-store-append.bench.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Pool } from 'pg';
import { type EventToAppend, PostgresEventStore } from '@cp/event-store';
import { percentile } from './rebuild-bench-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,10,50,200').split(',').map(Number);
const SCENARIOS = ['new streams', 'existing streams'] as const;
type Scenario = (typeof SCENARIOS)[number];

type CellResult = {
  scenario: Scenario;
  appenders: number;
  appends: number;
  appendsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of this run's PostgreSQL backends (all connections of the pool), ms per 1,000 appends. */
  pgCpuMsPer1000: number;
  /** CPU of this Node process, ms per 1,000 appends. */
  nodeCpuMsPer1000: number;
};

const event = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'BenchAppended',
  data: { n, note: 'a small payload of about the size of a typical domain event' },
  metadata: {
    organizationId: 'org-bench',
    actor: { id: 'bench', email: 'bench@example.com' },
    correlationId: randomUUID(),
    causationId: null,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
  },
});

/** utime + stime of a process in clock ticks (100 per second), 0 once it is gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function backendTicks(pool: Pool, applicationName: string): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows.reduce((sum, row) => sum + processTicks(row.pid), 0);
}

async function runCell(store: PostgresEventStore, pool: Pool, applicationName: string, scenario: Scenario, appenders: number, cell: string): Promise<CellResult> {
  const revisions = new Array<number>(appenders).fill(0);
  if (scenario === 'existing streams') {
    await Promise.all(revisions.map((_, i) => store.append(`${cell}-${i}`, [event(0)], 'no_stream')));
  }
  let measuring = false;
  let stopping = false;
  const latencies: number[] = [];
  const appendOnce = async (appender: number, n: number): Promise<void> => {
    const started = process.hrtime.bigint();
    if (scenario === 'new streams') {
      await store.append(`${cell}-${appender}-${n}`, [event(n)], 'no_stream');
    } else {
      revisions[appender] = (await store.append(`${cell}-${appender}`, [event(n)], revisions[appender])).nextRevision;
    }
    if (measuring) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  const loops = Array.from({ length: appenders }, async (_, appender) => {
    for (let n = 1; !stopping; n++) await appendOnce(appender, n);
  });
  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  // Pool connections are opened during the warm-up and kept (idleTimeoutMillis 0), so the backends are known now.
  const pgBefore = await backendTicks(pool, applicationName);
  const nodeBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  measuring = false;
  const elapsedSec = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const pgTicks = (await backendTicks(pool, applicationName)) - pgBefore;
  const node = process.cpuUsage(nodeBefore);
  stopping = true;
  await Promise.all(loops);
  const sorted = latencies.sort((a, b) => a - b);
  const perThousand = (ms: number): number => (ms / sorted.length) * 1000;
  return {
    scenario,
    appenders,
    appends: sorted.length,
    appendsPerSec: sorted.length / elapsedSec,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    pgCpuMsPer1000: perThousand(pgTicks * 10),
    nodeCpuMsPer1000: perThousand((node.user + node.system) / 1000),
  };
}

async function main(): Promise<void> {
  const schema = `bench_append_${randomBytes(4).toString('hex')}`;
  const applicationName = schema;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10, idleTimeoutMillis: 0, application_name: applicationName });
  const store = new PostgresEventStore({ pool, schema });
  const results: CellResult[] = [];
  try {
    await store.migrate();
    process.stdout.write(`${cpus().length} cores, ${SECONDS} s per cell after ${WARMUP_SECONDS} s warm-up, 1 event per append\n`);
    for (const scenario of SCENARIOS) {
      for (const appenders of CONCURRENCY) {
        const cell = `${scenario === 'new streams' ? 'new' : 'existing'}-${appenders}-${randomBytes(3).toString('hex')}`;
        const result = await runCell(store, pool, applicationName, scenario, appenders, cell);
        results.push(result);
        process.stdout.write(`${JSON.stringify(result)}\n`);
      }
    }
    const { rows } = await pool.query<{ count: string; max: string }>(`SELECT count(*)::text AS count, coalesce(max(global_position), 0)::text AS max FROM "${schema}".events`);
    const gapless = rows[0].count === rows[0].max;
    const f = (value: number, digits = 0): string => value.toFixed(digits);
    process.stdout.write([
      '',
      '| streams | appenders | appends/s | p50 ms | p99 ms | PostgreSQL backend CPU ms / 1,000 appends | Node CPU ms / 1,000 appends |',
      '|---|---|---|---|---|---|---|',
      ...results.map((r) => `| ${r.scenario} | ${r.appenders} | ${f(r.appendsPerSec)} | ${f(r.p50Ms, 1)} | ${f(r.p99Ms, 1)} | ${f(r.pgCpuMsPer1000)} | ${f(r.nodeCpuMsPer1000)} |`),
      '',
      `${rows[0].count} events stored, positions 1..${rows[0].max}: ${gapless ? 'gapless' : 'GAPS FOUND'}`,
      '',
    ].join('\n'));
    if (!gapless) process.exitCode = 1;
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
