import type { ValidationIssue } from '@cp/contracts';

/** How a cron job treats overlapping runs (Kubernetes CronJob concurrencyPolicy, Temporal overlap policy). */
export const CONCURRENCY_POLICIES = ['allow', 'forbid', 'replace'] as const;
export type ConcurrencyPolicy = (typeof CONCURRENCY_POLICIES)[number];

/** Read from the job's `config`: `concurrency_policy` and `catchup_window_seconds`. */
export type SchedulePolicy = { concurrencyPolicy: ConcurrencyPolicy; catchupWindowSeconds: number };

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = { concurrencyPolicy: 'allow', catchupWindowSeconds: 60 };

const isPolicy = (value: unknown): value is ConcurrencyPolicy => (CONCURRENCY_POLICIES as readonly unknown[]).includes(value);
const isWindow = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The policy of a job config; absent or invalid values fall back to the defaults (validation rejects them at create). */
export function schedulePolicyOf(config: Record<string, unknown>): SchedulePolicy {
  return {
    concurrencyPolicy: isPolicy(config.concurrency_policy) ? config.concurrency_policy : DEFAULT_SCHEDULE_POLICY.concurrencyPolicy,
    catchupWindowSeconds: isWindow(config.catchup_window_seconds) ? config.catchup_window_seconds : DEFAULT_SCHEDULE_POLICY.catchupWindowSeconds,
  };
}

/** 422 issues for the scheduling keys of a cron job's config. */
export function schedulePolicyIssues(config: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (config.concurrency_policy !== undefined && config.concurrency_policy !== null && !isPolicy(config.concurrency_policy)) {
    issues.push({ loc: ['body', 'config', 'concurrency_policy'], msg: `Value error, concurrency_policy must be one of ${CONCURRENCY_POLICIES.map((p) => `'${p}'`).join(', ')} (got ${JSON.stringify(config.concurrency_policy)})`, type: 'value_error' });
  }
  if (config.catchup_window_seconds !== undefined && config.catchup_window_seconds !== null && !isWindow(config.catchup_window_seconds)) {
    issues.push({ loc: ['body', 'config', 'catchup_window_seconds'], msg: `Value error, catchup_window_seconds must be a number >= 0 (got ${JSON.stringify(config.catchup_window_seconds)})`, type: 'value_error' });
  }
  return issues;
}
