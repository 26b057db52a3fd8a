import { devToken } from '@cp/testing';

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers; text: string };

/** A raw HTTP client for black-box tests: what a user's curl would do, no SDK logic in between. */
export function apiClient(baseUrl: string, token: string | null) {
  async function call<T = unknown>(method: string, path: string, body?: unknown, init: { headers?: Record<string, string>; rawBody?: string | Buffer } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (token && !('authorization' in Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])))) headers.Authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined = init.rawBody;
    if (body !== undefined && payload === undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
  return {
    call,
    get: <T = unknown>(path: string, init?: { headers?: Record<string, string> }) => call<T>('GET', path, undefined, init),
    post: <T = unknown>(path: string, body?: unknown, init?: { headers?: Record<string, string>; rawBody?: string | Buffer }) => call<T>('POST', path, body, init),
    patch: <T = unknown>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export const tokenFor = (organizationId: string, userId = `user-${organizationId}`, email = `${userId}@example.com`) =>
  devToken({ organizationId, userId, email });
