/**
 * A baseline worker process for bench/executions.bench.ts (forked by executions-baselines.ts, IPC to the parent):
 * pg-boss 10 or BullMQ 5 pulling the bench queue with a concurrency, running the same trivial work as our
 * command agent (spawn /bin/true, the prompt on stdin) or nothing. Reports handler starts and completions in batches.
 */
import { spawn } from 'node:child_process';

type Started = [id: string, at: number, enqueuedAt: number];
const BATCH_MS = 50;
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const nowMs = (): number => performance.timeOrigin + performance.now();
const concurrency = Number(env('BENCH_WORKER_CONCURRENCY'));
const out = { started: [] as Started[], done: [] as string[] };

function send(message: object): void {
  process.send?.(message);
}

const flusher = setInterval(flush, BATCH_MS);
function flush(): void {
  if (out.started.length === 0 && out.done.length === 0) return;
  send({ type: 'events', started: out.started, done: out.done });
  out.started = [];
  out.done = [];
}

/** The work itself: what our worker does for a `command` agent running /bin/true. */
function handle(prompt: string): Promise<void> {
  if (process.env.BENCH_BASELINE_HANDLER === 'noop') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/true', [], { shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined);
    child.stdin.end(prompt);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`/bin/true exited with ${code}`))));
  });
}

type PgBossJob = { id: string; data: { prompt: string }; createdOn: Date };
type PgBossLike = {
  start(): Promise<unknown>;
  stop(options: { graceful: boolean; wait: boolean }): Promise<void>;
  work(name: string, options: object, handler: (jobs: PgBossJob[]) => Promise<void>): Promise<string>;
  on(event: 'error', handler: (error: Error) => void): void;
};

/** pg-boss 10 has no in-process concurrency option: one work() fetching a batch per poll, run `concurrency` at a time. */
async function startPgBoss(): Promise<() => Promise<void>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PgBoss = require('pg-boss') as new (options: object) => PgBossLike;
  const boss = new PgBoss({ connectionString: env('DATABASE_URL'), schema: env('BENCH_PGBOSS_SCHEMA'), supervise: false, schedule: false, migrate: false, max: 4 });
  boss.on('error', (error) => send({ type: 'error', message: error.message }));
  await boss.start();
  const options = { batchSize: Number(env('BENCH_PGBOSS_BATCH')), pollingIntervalSeconds: Number(env('BENCH_PGBOSS_POLL_SECONDS')), includeMetadata: true };
  await boss.work(env('BENCH_QUEUE'), options, async (jobs) => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < jobs.length) {
        const job = jobs[next++];
        out.started.push([job.id, nowMs(), job.createdOn.getTime()]);
        await handle(job.data.prompt);
        out.done.push(job.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  });
  return () => boss.stop({ graceful: true, wait: true });
}

async function startBullmq(): Promise<() => Promise<void>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('bullmq') as typeof import('bullmq');
  const redis = new URL(env('REDIS_URL'));
  const worker = new Worker<{ prompt: string }>(env('BENCH_QUEUE'), async (job) => {
    out.started.push([job.id as string, nowMs(), job.timestamp]);
    await handle(job.data.prompt);
  }, { connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null }, prefix: env('BENCH_BULLMQ_PREFIX'), concurrency });
  worker.on('completed', (job) => out.done.push(job.id as string));
  worker.on('error', (error) => send({ type: 'error', message: error.message }));
  await worker.waitUntilReady();
  return () => worker.close();
}

async function main(): Promise<void> {
  const stop = env('BENCH_SYSTEM') === 'pgboss' ? await startPgBoss() : await startBullmq();
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    void stop().finally(() => {
      flush();
      clearInterval(flusher);
      send({ type: 'stopped' });
      setTimeout(() => process.exit(0), 50);
    });
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

main().catch((error: Error) => {
  send({ type: 'error', message: error.stack ?? error.message });
  process.exit(1);
});
