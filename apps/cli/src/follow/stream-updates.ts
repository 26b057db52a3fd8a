import type { ExecutionLogLine, ExecutionStreamEvent } from '@cp/sdk';

/** What the follower does with one stream event. */
export type StreamUpdate =
  | { kind: 'logs'; lines: LogLike[] }
  | { kind: 'status'; status: string }
  | { kind: 'end'; status: string; error: string | null }
  | { kind: 'ignore' };

export type LogLike = Pick<ExecutionLogLine, 'line'> & Partial<ExecutionLogLine>;

const SUCCESS = new Set(['completed', 'succeeded', 'success']);
export const isSuccessStatus = (status: string): boolean => SUCCESS.has(status.toLowerCase());

type Payload = Record<string, unknown>;

/**
 * Reads the events of `GET /api/v1/executions/{id}/stream`: `chunk` (or `log`) events carry a line or `lines`,
 * `status` events a status (`connected` is skipped), `complete`/`done` and `error` end the stream. The `{data, timestamp}` envelope
 * (the Go CLI's format) is unwrapped.
 */
export function toStreamUpdate(event: ExecutionStreamEvent): StreamUpdate {
  const payload = unwrap(event.data);
  switch (event.event) {
    case 'complete':
    case 'done':
      return { kind: 'end', status: text(payload.status) ?? 'completed', error: errorOf(payload) };
    case 'error':
      return { kind: 'end', status: text(payload.status) ?? 'failed', error: errorOf(payload) ?? (typeof event.data === 'string' ? event.data : 'the execution failed') };
    case 'connected':
      // Its status is the current one, before the replay of the run from its start: showing it would flicker.
      return { kind: 'ignore' };
    default:
      return bodyUpdate(payload);
  }
}

function bodyUpdate(payload: Payload): StreamUpdate {
  const lines = logLines(payload);
  if (lines.length > 0) return { kind: 'logs', lines };
  const status = text(payload.status);
  return status ? { kind: 'status', status } : { kind: 'ignore' };
}

/** Inner `data` fields win over the envelope's (`content` is the line plus "\n"); `timestamp` becomes the line's time. */
function unwrap(data: unknown): Payload {
  if (typeof data === 'string') return { line: data };
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const { data: inner, ...envelope } = data as Payload;
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return envelope;
  return { ...envelope, ...(envelope.timestamp ? { at: envelope.timestamp } : {}), ...(inner as Payload) };
}

function logLines(payload: Payload): LogLike[] {
  if (Array.isArray(payload.lines)) return payload.lines.map((item) => toLine(item as Payload)).filter((line): line is LogLike => line !== null);
  const single = toLine(payload);
  return single ? [single] : [];
}

function toLine(item: Payload): LogLike | null {
  const line = text(item.line) ?? text(item.message) ?? text(item.text) ?? text(item.content);
  if (line === undefined) return null;
  return { line, seq: typeof item.seq === 'number' ? item.seq : undefined, stream: item.stream as LogLike['stream'], at: text(item.at) ?? text(item.timestamp) };
}

function errorOf(payload: Payload): string | null {
  return text(payload.error_message) ?? text(payload.error) ?? text(payload.message) ?? null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
