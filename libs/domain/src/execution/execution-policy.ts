import { validationFailed, type RetryPolicy, type ValidationIssue } from '@cp/contracts';

export const NO_RETRY: RetryPolicy = { max_attempts: 1, backoff_seconds: 1, exponential: false, max_backoff_seconds: 3600 };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Job config merged with a trigger's override: nested objects merge (override wins), anything else is replaced. */
export function mergeConfig(base: Record<string, unknown>, override: Record<string, unknown> | null): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override ?? {})) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeConfig(merged[key] as Record<string, unknown>, value) : value;
  }
  return merged;
}

const issue = (field: string, msg: string): ValidationIssue => ({ loc: ['body', 'config', ...field.split('.')], msg, type: 'value_error' });

function positiveNumber(value: unknown, field: string, issues: ValidationIssue[], integer = false): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    issues.push(issue(field, `${field} must be ${integer ? 'a whole number' : 'a number'} >= 0 (got ${JSON.stringify(value)})`));
    return undefined;
  }
  return value;
}

/** `config.timeout` in seconds; null (no timeout) when absent or 0. */
export function timeoutSeconds(config: Record<string, unknown>): number | null {
  const value = config.timeout;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** `config.retry`: {max_attempts, backoff_seconds, exponential | backoff: 'exponential', max_backoff_seconds}. */
export function retryPolicy(config: Record<string, unknown>): RetryPolicy {
  const retry = config.retry;
  if (!isPlainObject(retry)) return NO_RETRY;
  const number = (key: string, fallback: number): number => (typeof retry[key] === 'number' ? (retry[key] as number) : fallback);
  return {
    max_attempts: Math.max(1, Math.floor(number('max_attempts', NO_RETRY.max_attempts))),
    backoff_seconds: number('backoff_seconds', NO_RETRY.backoff_seconds),
    exponential: retry.exponential === true || retry.backoff === 'exponential',
    max_backoff_seconds: number('max_backoff_seconds', NO_RETRY.max_backoff_seconds),
  };
}

/** Problems with `timeout` and `retry` of an effective config (422 at trigger time rather than surprises later). */
export function executionConfigIssues(config: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  positiveNumber(config.timeout, 'timeout', issues);
  const retry = config.retry;
  if (retry === undefined || retry === null) return issues;
  if (!isPlainObject(retry)) return [...issues, issue('retry', 'retry must be an object like {"max_attempts": 3, "backoff_seconds": 5}')];
  const attempts = positiveNumber(retry.max_attempts, 'retry.max_attempts', issues, true);
  if (attempts === 0) issues.push(issue('retry.max_attempts', 'retry.max_attempts must be at least 1'));
  positiveNumber(retry.backoff_seconds, 'retry.backoff_seconds', issues);
  positiveNumber(retry.max_backoff_seconds, 'retry.max_backoff_seconds', issues);
  return issues;
}

export function assertValidExecutionConfig(config: Record<string, unknown>): void {
  const issues = executionConfigIssues(config);
  if (issues.length > 0) throw validationFailed(issues);
}

/** Delay before attempt `failedAttempt + 1`; exponential doubles per attempt, capped at max_backoff_seconds. */
export function retryDelaySeconds(policy: RetryPolicy, failedAttempt: number): number {
  const base = policy.exponential ? policy.backoff_seconds * 2 ** (failedAttempt - 1) : policy.backoff_seconds;
  return Math.min(base, policy.max_backoff_seconds);
}

export const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + Math.round(seconds * 1000)).toISOString();
export const millisBetween = (fromIso: string, toIso: string): number => Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
