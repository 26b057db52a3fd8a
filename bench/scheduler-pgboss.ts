/**
 * Baseline for bench/scheduler.bench.ts: pg-boss 10's cron on the same machine and PostgreSQL. pg-boss keeps one
 * queue per schedule (v10: a partition table each), checks every schedule every `cronMonitorIntervalSeconds`
 * (default 30) and inserts the due ones through its `__pgboss__send-it` queue, polled every
 * `cronWorkerIntervalSeconds` (default 5). Lateness = job.created_on - minute boundary. pg-boss runs in this process,
 * so CPU and RSS are this process's own.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { latencySummary, nextMinute, sleepUntil } from './scheduler-bench-support';

type PgBossInstance = {
  start(): Promise<unknown>;
  stop(options?: { graceful?: boolean; wait?: boolean }): Promise<void>;
  createQueue(name: string): Promise<void>;
  schedule(name: string, cron: string, data?: object, options?: { tz?: string }): Promise<void>;
  on(event: 'error', handler: (error: Error) => void): void;
};
type PgBossConstructor = new (options: Record<string, unknown>) => PgBossInstance;

function loadPgBoss(): PgBossConstructor | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pg-boss') as PgBossConstructor;
  } catch {
    return null;
  }
}

function selfSampler() {
  const samples: { at: number; cpu: number; rss: number }[] = [];
  const take = (): void => {
    const usage = process.cpuUsage();
    samples.push({ at: Date.now(), cpu: (usage.user + usage.system) / 1e6, rss: process.memoryUsage().rss / 1048576 });
  };
  take();
  const timer = setInterval(take, 500);
  return {
    stop: () => clearInterval(timer),
    window(from: number, to: number) {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      if (inside.length < 2) return { cpuPercent: NaN, rssMiB: NaN };
      const first = inside[0];
      const last = inside[inside.length - 1];
      return { cpuPercent: ((last.cpu - first.cpu) / ((last.at - first.at) / 1000)) * 100, rssMiB: Math.max(...inside.map((s) => s.rss)) };
    },
  };
}

/** The shared-minute case on pg-boss: `count` schedules `* * * * *`, one boundary observed. */
export async function pgBossSharedMinute(databaseUrl: string, count: number): Promise<Record<string, unknown>> {
  const PgBoss = loadPgBoss();
  if (!PgBoss) return { case: 'pg-boss', skipped: 'pg-boss is not installed (npm install --save-dev pg-boss@10)' };
  const schema = `pgboss_bench_${randomBytes(4).toString('hex')}`;
  const boss = new PgBoss({ connectionString: databaseUrl, schema, max: 10 });
  const errors = new Map<string, number>();
  boss.on('error', (error) => errors.set(error.message, (errors.get(error.message) ?? 0) + 1));
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const label = `pg-boss 10 cron, shared minute: ${count} schedules (defaults: cronMonitorIntervalSeconds 30, cronWorkerIntervalSeconds 5)`;
  try {
    await boss.start();
    const seedStart = Date.now();
    for (let i = 0; i < count; i++) {
      await boss.createQueue(`bench-${i}`);
      await boss.schedule(`bench-${i}`, '* * * * *', {}, { tz: 'UTC' });
    }
    const seedMs = Date.now() - seedStart;
    const sampler = selfSampler();
    // pg-boss sends a slot up to 60 s late, so the first boundary after seeding may still receive the slot before
    // it: observe the second one, and count only jobs created in the minute that follows it.
    const boundary = nextMinute(Date.now() + 2000) + 60_000;
    await sleepUntil(boundary + 58_000);
    sampler.stop();
    const created = await createdInMinute(pool, schema, boundary);
    const lateness = latencySummary(created.map((c) => c.latenessMs));
    return {
      case: label, seed_s: seedMs / 1000, fired_for_boundary: created.length, distinct_schedules: new Set(created.map((c) => c.name)).size,
      all_started_within_s: lateness.max / 1000, lateness_ms: lateness,
      process_at_boundary: sampler.window(boundary, boundary + Math.max(2000, lateness.max + 500)),
      process_whole_minute: sampler.window(boundary, boundary + 58_000),
      errors: Object.fromEntries(errors),
    };
  } catch (error) {
    return { case: label, failed: (error as Error).message, errors: Object.fromEntries(errors) };
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await dropPgBossSchema(pool, schema);
    await pool.end();
  }
}

/** Jobs created in [boundary, boundary + 60 s), read partition by partition (one query over 10,000 partitions runs out of lock slots). */
async function createdInMinute(pool: Pool, schema: string, boundary: number): Promise<{ name: string; latenessMs: number }[]> {
  const { rows: queues } = await pool.query<{ name: string; partition_name: string }>(`SELECT name, partition_name FROM "${schema}".queue WHERE name LIKE 'bench-%'`);
  const created: { name: string; latenessMs: number }[] = [];
  for (const queue of queues) {
    const { rows } = await pool.query<{ lateness_ms: number }>(
      `SELECT extract(epoch FROM created_on) * 1000 - $1::float8 AS lateness_ms FROM "${schema}"."${queue.partition_name}"
        WHERE created_on >= to_timestamp($1::float8 / 1000) AND created_on < to_timestamp(($1::float8 + 60000) / 1000)`,
      [boundary],
    );
    for (const row of rows) created.push({ name: queue.name, latenessMs: Number(row.lateness_ms) });
  }
  return created;
}

/** DROP SCHEMA of thousands of partitions exceeds max_locks_per_transaction: detach and drop them one by one first. */
async function dropPgBossSchema(pool: Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ partition: string }>(
    `SELECT c.relname AS partition FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = $1 AND p.relname = 'job'`,
    [schema],
  ).catch(() => ({ rows: [] as { partition: string }[] }));
  for (const { partition } of rows) {
    await pool.query(`ALTER TABLE "${schema}".job DETACH PARTITION "${schema}"."${partition}"`).catch(() => undefined);
    await pool.query(`DROP TABLE IF EXISTS "${schema}"."${partition}"`).catch(() => undefined);
  }
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((error: Error) => process.stderr.write(`could not drop ${schema}: ${error.message}\n`));
}
