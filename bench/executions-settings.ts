/** Knobs of bench/executions.bench.ts, from the environment (defaults keep the whole run under 5 minutes). */
export type BenchSettings = {
  /** Worker processes per system, and units each runs at once. */
  workers: number;
  concurrency: number;
  /** Manual jobs triggered round-robin (ours). */
  jobs: number;
  restSeconds: number;
  /** Light load first (intrinsic latency without queueing), then the latency phase proper. */
  lightRate: number;
  lightSeconds: number;
  latencyRate: number;
  latencySeconds: number;
  throughputConcurrency: number;
  loop: { concurrency: number; seconds: number; warmupSeconds: number; backlogCap: number; drainTimeoutMs: number };
  /** `spawn`: the baseline handlers spawn /bin/true with the prompt on stdin, like our command agent; `noop`: return at once. */
  baselineHandler: 'spawn' | 'noop';
  /** pg-boss 10 work(): jobs fetched per poll and the polling interval (its minimum is 0.5 s). */
  pgBossBatchSize: number;
  pgBossPollingSeconds: number;
  systems: string[];
  databaseUrl: string;
  redisUrl: string;
};

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
};

export function loadBenchSettings(): BenchSettings {
  const concurrency = num('BENCH_CONCURRENCY', 64);
  const handler = process.env.BENCH_BASELINE_HANDLER ?? 'spawn';
  if (handler !== 'spawn' && handler !== 'noop') throw new Error(`BENCH_BASELINE_HANDLER must be spawn or noop (got "${handler}")`);
  return {
    workers: num('BENCH_WORKERS', 4),
    concurrency: num('BENCH_WORKER_CONCURRENCY', 8),
    jobs: num('BENCH_JOBS', 4),
    restSeconds: num('BENCH_REST_SECONDS', 3),
    lightRate: num('BENCH_LIGHT_RATE', 5),
    lightSeconds: num('BENCH_LIGHT_SECONDS', 10),
    latencyRate: num('BENCH_RATE', 50),
    latencySeconds: num('BENCH_LATENCY_SECONDS', 20),
    throughputConcurrency: concurrency,
    loop: { concurrency, seconds: num('BENCH_THROUGHPUT_SECONDS', 30), warmupSeconds: 5, backlogCap: num('BENCH_BACKLOG_CAP', 1000), drainTimeoutMs: 30_000 },
    baselineHandler: handler,
    pgBossBatchSize: num('BENCH_PGBOSS_BATCH', 64),
    pgBossPollingSeconds: num('BENCH_PGBOSS_POLL_SECONDS', 0.5),
    systems: (process.env.BENCH_SYSTEMS ?? 'ours,pgboss,bullmq').split(',').map((s) => s.trim()),
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
