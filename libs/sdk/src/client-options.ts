import type { RetryOptions } from './retry-policy';

export type ControlPlaneClientOptions = {
  /** Gateway URL; a path prefix is kept. Default: env CONTROL_PLANE_URL, else http://localhost:8000 (`npm start`). */
  baseUrl?: string;
  /** Bearer token. Default: env CONTROL_PLANE_API_KEY. */
  apiKey?: string;
  /** Per-attempt timeout of a call (default 60 s); streams only time out while connecting. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Extra headers on every call. */
  headers?: Record<string, string>;
  userAgent?: string;
  /** Defaults to the global fetch of Node 20. */
  fetch?: typeof fetch;
};

export const DEFAULT_BASE_URL = 'http://localhost:8000';
export const SDK_VERSION = '0.1.0';

export type ResolvedClientOptions = {
  baseUrl: string;
  apiKey: string | null;
  timeoutMs: number;
  retry: RetryOptions;
  headers: Record<string, string>;
  userAgent: string;
  fetch: typeof fetch;
};

export function resolveClientOptions(options: ControlPlaneClientOptions, env: NodeJS.ProcessEnv = process.env): ResolvedClientOptions {
  const baseUrl = (options.baseUrl ?? nonEmpty(env.CONTROL_PLANE_URL) ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  try {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new TypeError(`Invalid control plane URL "${baseUrl}": expected something like http://localhost:8000`);
  }
  return {
    baseUrl,
    apiKey: options.apiKey ?? nonEmpty(env.CONTROL_PLANE_API_KEY) ?? null,
    timeoutMs: options.timeoutMs ?? 60_000,
    retry: options.retry ?? {},
    headers: options.headers ?? {},
    userAgent: options.userAgent ?? `job-control-plane-sdk/${SDK_VERSION} node/${process.versions.node}`,
    fetch: options.fetch ?? globalThis.fetch,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
