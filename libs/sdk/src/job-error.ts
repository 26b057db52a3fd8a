import type { ValidationIssue } from '@cp/contracts';

export type JobErrorInit = {
  /** HTTP status; null when no answer arrived (connection refused, timeout, ...). */
  status: number | null;
  detail: unknown;
  method: string;
  url: string;
  cause?: unknown;
};

/**
 * The one error the SDK throws for a failed call, like the Python SDK's `JobError`. `detail` is the server's
 * `detail` as sent (string, validation list or object); `issues` holds the validation items of a 422.
 */
export class JobError extends Error {
  readonly status: number | null;
  readonly detail: unknown;
  readonly issues: ValidationIssue[];
  readonly method: string;
  readonly url: string;

  constructor(init: JobErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'JobError';
    this.status = init.status;
    this.detail = init.detail;
    this.issues = validationIssues(init.detail);
    this.method = init.method;
    this.url = init.url;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }

  get isNetworkError(): boolean {
    return this.status === null;
  }
}

/** Builds the error from a non-2xx answer's status and body text: `detail`, else `message`, else `error`, else the raw body. */
export function jobErrorFromBody(response: Pick<Response, 'status' | 'statusText'>, text: string, method: string, url: string): JobError {
  return new JobError({ status: response.status, detail: detailOf(text, response.statusText), method, url });
}

function detailOf(text: string, statusText: string): unknown {
  if (text.trim() === '') return statusText || null;
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      return record.detail ?? record.message ?? record.error ?? body;
    }
    return body;
  } catch {
    return text.slice(0, 2_000);
  }
}

function validationIssues(detail: unknown): ValidationIssue[] {
  if (!Array.isArray(detail)) return [];
  return detail.filter((item): item is ValidationIssue => !!item && typeof item === 'object' && 'msg' in item && Array.isArray((item as ValidationIssue).loc));
}

/** A readable one-line message: the detail text, or each validation item as `loc: msg`. */
export function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  const issues = validationIssues(detail);
  if (issues.length > 0) return issues.map((issue) => `${issue.loc.filter((part) => part !== 'body').join('.')}: ${issue.msg}`).join('; ');
  if (detail && typeof detail === 'object') {
    const record = detail as Record<string, unknown>;
    if (typeof record.message === 'string') return record.message;
    if (typeof record.error === 'string') return record.error;
  }
  return detail === null || detail === undefined ? '' : JSON.stringify(detail);
}

function describe(init: JobErrorInit): string {
  const text = detailText(init.detail);
  if (init.status === null) return `${init.method} ${init.url} failed: ${text || 'no response'}`;
  return text ? `${text} (HTTP ${init.status})` : `HTTP ${init.status} from ${init.method} ${init.url}`;
}
