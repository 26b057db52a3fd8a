/**
 * Baselines for bench/executions.bench.ts: the same workload on pg-boss 10 (PostgreSQL, its own schema) and BullMQ 5
 * (Redis, its own queue and key prefix). The producer is this process; the workers are separate processes
 * (executions-baseline-worker.ts) with the same count and concurrency as ours. Everything is removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { Pool } from 'pg';
import { runPhases } from './executions-phases';
import { BaselineWorkers } from './executions-baseline-workers';
import { nowMs, pidsNamed, sleep, type Enqueue, type SystemReport } from './executions-support';
import type { BenchSettings } from './executions-settings';

/** What differs between the baselines: how to enqueue, what the workers need, how to verify and clean up. */
type Adapter = {
  system: string;
  settings: string;
  workerEnv: Record<string, string>;
  enqueue: Enqueue;
  /** Jobs the broker itself holds as completed (checked after the drain). */
  brokerCompleted(): Promise<number>;
  extraProcesses: { name: string; pid: number }[];
  notes: string[];
};

const prompt = (n: number): string => `Run number ${n}`;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = nowMs() + timeoutMs;
  while (nowMs() < until && !(await check())) await sleep(100);
}

async function measure(adapter: Adapter, settings: BenchSettings): Promise<SystemReport> {
  const workers = await BaselineWorkers.start(settings.workers, {
    ...adapter.workerEnv, BENCH_WORKER_CONCURRENCY: String(settings.concurrency), BENCH_BASELINE_HANDLER: settings.baselineHandler,
  });
  try {
    const phases = await runPhases({
      enqueue: adapter.enqueue,
      completed: async () => workers.done,
      startTimes: async (sends) => {
        const recorded: number[] = [];
        const client: number[] = [];
        for (const send of sends) {
          const start = workers.started.get(send.id);
          if (!start) continue;
          recorded.push(start.at - start.enqueuedAt);
          client.push(start.at - send.sentAt);
        }
        return { recorded, client };
      },
      processes: [...workers.pids.map((pid, i) => ({ name: `${adapter.system} worker#${i + 1}`, pid })), ...adapter.extraProcesses],
    }, settings);
    await waitUntil(async () => (await adapter.brokerCompleted()) >= phases.enqueued, 15_000);
    const brokerCompleted = await adapter.brokerCompleted();
    return {
      system: adapter.system, settings: adapter.settings, ...phases, duplicates: workers.duplicates, lost: phases.enqueued - workers.done,
      notes: [
        ...adapter.notes,
        `${adapter.system}: the broker holds ${brokerCompleted} of ${phases.enqueued} jobs as completed after the drain`,
        ...(phases.latencyErrors.length > 0 ? [`${adapter.system}: ${phases.latencyErrors.length} enqueue calls failed in the latency phase, first: ${phases.latencyErrors[0]}`] : []),
        ...[...workers.errors].map(([message, count]) => `${adapter.system} worker error x${count}: ${message.split('\n')[0]}`),
      ],
    };
  } finally {
    await workers.stop();
  }
}

type PgBossProducer = {
  start(): Promise<unknown>;
  stop(options: { graceful: boolean; wait: boolean }): Promise<void>;
  createQueue(name: string): Promise<void>;
  send(name: string, data: object): Promise<string | null>;
  on(event: 'error', handler: (error: Error) => void): void;
};

export async function runPgBoss(settings: BenchSettings): Promise<SystemReport> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PgBoss = require('pg-boss') as new (options: object) => PgBossProducer;
  const schema = `pgboss_exec_bench_${randomBytes(4).toString('hex')}`;
  const queue = 'bench-exec';
  const boss = new PgBoss({ connectionString: settings.databaseUrl, schema, max: 10 });
  const errors: string[] = [];
  boss.on('error', (error) => errors.push(error.message));
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 1 });
  try {
    await boss.start();
    await boss.createQueue(queue);
    return await measure({
      system: 'pg-boss',
      settings: `${settings.workers} worker processes, each one work() with batchSize ${settings.pgBossBatchSize}, pollingIntervalSeconds ${settings.pgBossPollingSeconds}, ${settings.concurrency} jobs of a batch at a time`,
      workerEnv: { BENCH_SYSTEM: 'pgboss', BENCH_QUEUE: queue, BENCH_PGBOSS_SCHEMA: schema, DATABASE_URL: settings.databaseUrl,
        BENCH_PGBOSS_BATCH: String(settings.pgBossBatchSize), BENCH_PGBOSS_POLL_SECONDS: String(settings.pgBossPollingSeconds) },
      enqueue: async (n) => {
        const id = await boss.send(queue, { prompt: prompt(n) });
        if (!id) throw new Error('pg-boss send returned no id');
        return id;
      },
      brokerCompleted: async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".job WHERE name = $1 AND state = 'completed'`, [queue])).rows[0].n),
      extraProcesses: [],
      notes: ['pg-boss: job.created_on (PostgreSQL now() of the insert) -> handler start', ...(errors.length ? [`pg-boss producer errors: ${errors[0]}`] : [])],
    }, settings);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((error: Error) => process.stderr.write(`could not drop ${schema}: ${error.message}\n`));
    await pool.end();
  }
}

export async function runBullmq(settings: BenchSettings): Promise<SystemReport> {
  const { Queue } = await import('bullmq');
  const redis = new URL(settings.redisUrl);
  const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null };
  const prefix = `bench-exec-${randomBytes(4).toString('hex')}`;
  const name = 'bench-exec';
  const queue = new Queue(name, { connection, prefix });
  try {
    await queue.waitUntilReady();
    const redisPids = pidsNamed('redis-server');
    return await measure({
      system: 'BullMQ',
      settings: `${settings.workers} worker processes, each a Worker with concurrency ${settings.concurrency} (defaults otherwise)`,
      workerEnv: { BENCH_SYSTEM: 'bullmq', BENCH_QUEUE: name, BENCH_BULLMQ_PREFIX: prefix, REDIS_URL: settings.redisUrl },
      enqueue: async (n) => (await queue.add('run', { prompt: prompt(n) })).id as string,
      brokerCompleted: async () => (await queue.getJobCounts('completed')).completed,
      extraProcesses: redisPids.map((pid) => ({ name: 'redis-server', pid })),
      notes: ['BullMQ: job.timestamp (set by Queue.add just before the Redis call) -> handler start'],
    }, settings);
  } finally {
    await queue.obliterate({ force: true }).catch((error: Error) => process.stderr.write(`could not obliterate ${prefix}:${name}: ${error.message}\n`));
    await deleteKeys(queue, `${prefix}:*`);
    await queue.close();
  }
}

/** Whatever obliterate left under the prefix (e.g. meta keys). */
async function deleteKeys(queue: Queue, pattern: string): Promise<void> {
  type Scanner = { scan(...args: string[]): Promise<[string, string[]]>; del(...keys: string[]): Promise<number> };
  const client = (await queue.client) as unknown as Scanner;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', '1000');
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
