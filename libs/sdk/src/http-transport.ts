import type { ResolvedClientOptions } from './client-options';
import { JobError, jobErrorFromBody } from './job-error';
import { isIdempotent, isRetryableStatus, parseRetryAfter, resolveRetryPolicy, retryDelayMs, sleep, type ResolvedRetryPolicy } from './retry-policy';

export type QueryValue = string | number | boolean | null | undefined;

export type HttpRequest = {
  method: string;
  /** A path under the base URL (`/api/v1/...`) or an absolute URL. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Serialised with JSON.stringify. */
  json?: unknown;
  /** Sent byte for byte (webhook deliveries). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Send the Authorization header (default true). */
  authenticate?: boolean;
  signal?: AbortSignal;
};

type Mode = 'buffered' | 'stream';
type Outcome = { response: Response; text: string };

/** fetch with the SDK's headers, per-attempt timeout, error mapping and retries of idempotent calls. */
export class HttpTransport {
  private readonly policy: ResolvedRetryPolicy;

  constructor(readonly options: ResolvedClientOptions) {
    this.policy = resolveRetryPolicy(options.retry);
  }

  /** The parsed JSON answer, or undefined for an empty one (204). */
  async json<T>(request: HttpRequest): Promise<T> {
    const { text } = await this.execute(request, 'buffered');
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A 2xx answer whose body is left unread (Server-Sent Events); only connecting is bounded by the timeout. */
  async stream(request: HttpRequest): Promise<Response> {
    return (await this.execute(request, 'stream')).response;
  }

  url(path: string, query: Record<string, QueryValue> = {}): string {
    const url = new URL(/^https?:\/\//i.test(path) ? path : `${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    return url.toString();
  }

  private async execute(request: HttpRequest, mode: Mode): Promise<Outcome> {
    const url = this.url(request.path, request.query);
    const retryable = isIdempotent(request.method);
    for (let attempt = 0; ; attempt += 1) {
      const canRetry = retryable && attempt < this.policy.retries;
      let outcome: Outcome;
      try {
        outcome = await this.attempt(request, url, mode);
      } catch (error) {
        if (request.signal?.aborted || !canRetry) throw networkError(request.method, url, error);
        await this.wait(attempt, null, `network error: ${causeText(error)}`, request, url);
        continue;
      }
      const { response } = outcome;
      if (response.ok) return outcome;
      if (canRetry && isRetryableStatus(response.status)) {
        await this.wait(attempt, parseRetryAfter(response.headers.get('retry-after')), `HTTP ${response.status}`, request, url);
        continue;
      }
      throw jobErrorFromBody(response, outcome.text, request.method, url);
    }
  }

  private async attempt(request: HttpRequest, url: string, mode: Mode): Promise<Outcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    const onAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.options.fetch(url, { method: request.method, headers: this.headers(request), body: this.body(request), signal: controller.signal });
      if (mode === 'stream' && response.ok) return { response, text: '' };
      return { response, text: await response.text() };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private headers(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent, Accept: 'application/json', ...this.options.headers };
    if (request.json !== undefined || request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.authenticate !== false && this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
    return { ...headers, ...request.headers };
  }

  private body(request: HttpRequest): string | Uint8Array | undefined {
    return request.body ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
  }

  private async wait(attempt: number, retryAfterMs: number | null, reason: string, request: HttpRequest, url: string): Promise<void> {
    const delayMs = retryDelayMs(this.policy, attempt, retryAfterMs);
    this.policy.onRetry?.({ attempt: attempt + 1, delayMs, reason, method: request.method, url });
    await sleep(delayMs, request.signal);
  }
}

function networkError(method: string, url: string, error: unknown): JobError {
  return new JobError({ status: null, detail: causeText(error), method, url, cause: error });
}

/** undici hides the useful part (ECONNREFUSED ...) in `cause`. */
function causeText(error: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (test runners), where instanceof Error is false.
  if (!error || typeof error !== 'object' || !('message' in error)) return String(error);
  const { message, cause } = error as { message: string; cause?: { code?: string; message?: string } };
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message ?? message;
}
