import { readPositiveInteger } from '@cp/config';
/**
 * Settings of the executor, read and validated once at start-up (STYLE.md rule 10).
 * The shared ones (database, NATS, event store) come from loadConfig() in @cp/config.
 */
export type ExecutorSettings = {
  /** How often a worker must heartbeat (sent to workers in every WorkItem). */
  heartbeatIntervalMs: number;
  /** No heartbeat for this long: the attempt is timed out (reason `heartbeat`) and the retry policy applies. */
  heartbeatTimeoutMs: number;
  /** How often the executor re-scans unfinished executions for missing timers or lost dispatches. */
  sweepIntervalMs: number;
  /** Requested executions handled at once by the dispatcher. */
  dispatchConcurrency: number;
  /** At start-up, how long to wait for the read model to catch up before the recovery scan. */
  recoveryCatchUpTimeoutMs: number;
};

export const EXECUTOR_SETTINGS = Symbol('EXECUTOR_SETTINGS');

export function loadExecutorSettings(env: NodeJS.ProcessEnv = process.env): ExecutorSettings {
  const problems: string[] = [];
  const settings: ExecutorSettings = {
    heartbeatIntervalMs: readPositiveInteger(env, 'EXECUTOR_HEARTBEAT_INTERVAL_MS', 5_000, problems),
    heartbeatTimeoutMs: readPositiveInteger(env, 'EXECUTOR_HEARTBEAT_TIMEOUT_MS', 30_000, problems),
    sweepIntervalMs: readPositiveInteger(env, 'EXECUTOR_SWEEP_INTERVAL_MS', 15_000, problems),
    dispatchConcurrency: readPositiveInteger(env, 'EXECUTOR_DISPATCH_CONCURRENCY', 32, problems),
    recoveryCatchUpTimeoutMs: readPositiveInteger(env, 'EXECUTOR_RECOVERY_CATCH_UP_TIMEOUT_MS', 30_000, problems),
  };
  if (settings.heartbeatTimeoutMs <= settings.heartbeatIntervalMs) {
    problems.push(`EXECUTOR_HEARTBEAT_TIMEOUT_MS (${settings.heartbeatTimeoutMs}) must be larger than EXECUTOR_HEARTBEAT_INTERVAL_MS (${settings.heartbeatIntervalMs})`);
  }
  if (problems.length > 0) throw new Error(`Invalid executor configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return settings;
}
