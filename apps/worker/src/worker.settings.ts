import { readPositiveInteger } from '@cp/config';
import { hostname } from 'node:os';
import { DEFAULT_WORK_QUEUE } from '@cp/contracts';

/**
 * Settings of a worker process, read and validated once at start-up (STYLE.md rule 10). The shared ones
 * (database, NATS, secrets key) come from loadConfig() in @cp/config.
 */
export type WorkerSettings = {
  /** WORKER_QUEUES: comma-separated queue names (`default`, `gpu`, `env.prod`, ...). */
  queues: string[];
  /** WORKER_CONCURRENCY: executions run at once, per queue. */
  concurrency: number;
  /** WORKER_ID: how this worker names itself in ExecutionStarted (default host-pid). */
  workerId: string;
  /** WORKER_SHUTDOWN_GRACE_MS: on SIGTERM, how long running executions may finish before they are stopped and nak'ed. */
  shutdownGraceMs: number;
  /** Output lines are sent to the executor every WORKER_LOG_FLUSH_MS or every WORKER_LOG_BATCH_LINES lines. */
  logFlushMs: number;
  logBatchLines: number;
  /** WORKER_ACK_WAIT_MS: JetStream ack wait of the queue consumers; the worker extends it while it runs. */
  ackWaitMs: number;
};

export const WORKER_SETTINGS = Symbol('WORKER_SETTINGS');

const QUEUE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function queues(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const names = (env.WORKER_QUEUES ?? DEFAULT_WORK_QUEUE).split(',').map((q) => q.trim()).filter((q) => q !== '');
  if (names.length === 0) problems.push('WORKER_QUEUES must name at least one queue (e.g. "default" or "default,env.prod")');
  for (const name of names) {
    if (!QUEUE_NAME.test(name)) problems.push(`WORKER_QUEUES: "${name}" is not a valid queue name (letters, digits, _ and -, dot-separated)`);
  }
  return [...new Set(names)];
}

export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const problems: string[] = [];
  const settings: WorkerSettings = {
    queues: queues(env, problems),
    concurrency: readPositiveInteger(env, 'WORKER_CONCURRENCY', 4, problems),
    workerId: env.WORKER_ID || `${hostname()}-${process.pid}`,
    shutdownGraceMs: readPositiveInteger(env, 'WORKER_SHUTDOWN_GRACE_MS', 30_000, problems),
    logFlushMs: readPositiveInteger(env, 'WORKER_LOG_FLUSH_MS', 100, problems),
    logBatchLines: readPositiveInteger(env, 'WORKER_LOG_BATCH_LINES', 50, problems),
    ackWaitMs: readPositiveInteger(env, 'WORKER_ACK_WAIT_MS', 30_000, problems),
  };
  if (problems.length > 0) throw new Error(`Invalid worker configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return settings;
}
