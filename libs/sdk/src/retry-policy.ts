export type RetryOptions = {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Base of the exponential backoff (default 250 ms): attempt n waits a random time up to base * 2^n. */
  baseDelayMs?: number;
  /** Upper bound of one wait, Retry-After included (default 30 s). */
  maxDelayMs?: number;
  /** Called before each wait; useful for logging. */
  onRetry?: (info: RetryInfo) => void;
};

export type RetryInfo = { attempt: number; delayMs: number; reason: string; method: string; url: string };

export type ResolvedRetryPolicy = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

/** Only calls that can be repeated without a second effect are retried; POST and PATCH never are. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([429, 503]);

export function resolveRetryPolicy(options: RetryOptions = {}): ResolvedRetryPolicy {
  return {
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    onRetry: options.onRetry,
  };
}

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Exponential backoff with full jitter; a server's Retry-After wins when it is given. */
export function retryDelayMs(policy: ResolvedRetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Retry-After as delay seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
