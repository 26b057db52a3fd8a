import type { ExecutionEvent, ExecutionStatus, RecordedEvent } from '@cp/contracts';

/**
 * Server-Sent Events of one execution, as the Go CLI follows them (wire notes §6): `id:`, `event:`, `data:` lines,
 * data `{"data":{...},"timestamp":RFC3339}` plus the top-level fields the CLI reads (`status`, `content`, `error`).
 * Ids are `<stream revision>.<index>` of the execution-stream event they come from, so they only ever grow and a
 * resume with Last-Event-ID continues exactly after the last event the client saw.
 */
export type SseMessage = { id: string | null; event: string; data: Record<string, unknown> };
export type SsePosition = { revision: number; index: number };

const TERMINAL_EVENTS = new Set(['complete', 'error']);

export const isTerminalMessage = (message: SseMessage): boolean => TERMINAL_EVENTS.has(message.event);

export function formatSse(message: SseMessage): string {
  const id = message.id === null ? '' : `id: ${message.id}\n`;
  return `${id}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/** `12.3` -> {revision 12, index 3}; anything else (absent, garbage) -> null, i.e. from the start. */
export function parseLastEventId(raw: string | string[] | undefined): SsePosition | null {
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const match = /^(\d+)\.(\d+)$/.exec((value ?? '').trim());
  return match ? { revision: Number(match[1]), index: Number(match[2]) } : null;
}

export const isAfter = (position: SsePosition, resumeAfter: SsePosition | null): boolean =>
  resumeAfter === null || position.revision > resumeAfter.revision || (position.revision === resumeAfter.revision && position.index > resumeAfter.index);

function status(event: RecordedEvent<ExecutionEvent>, index: number, value: ExecutionStatus, details: Record<string, unknown>): SseMessage {
  const timestamp = event.metadata.occurredAt;
  return { id: `${event.revision}.${index}`, event: 'status', data: { data: { status: value, ...details }, status: value, execution_id: event.data.execution_id, timestamp } };
}

function ending(event: RecordedEvent<ExecutionEvent>, index: number, value: ExecutionStatus, details: Record<string, unknown>, errorMessage: string | null): SseMessage {
  const timestamp = event.metadata.occurredAt;
  const data = { data: { status: value, ...details }, status: value, execution_id: event.data.execution_id, timestamp };
  return errorMessage === null
    ? { id: `${event.revision}.${index}`, event: 'complete', data }
    : { id: `${event.revision}.${index}`, event: 'error', data: { ...data, error: errorMessage } };
}

/** A status change, then the terminal event when the execution is finished. */
function statusAndEnding(event: RecordedEvent<ExecutionEvent>, value: ExecutionStatus, details: Record<string, unknown>, finished: boolean, errorMessage: string | null): SseMessage[] {
  const changed = status(event, 0, value, details);
  return finished ? [changed, ending(event, 1, value, details, errorMessage)] : [changed];
}

/** The SSE messages one stored execution event becomes; `statusAfter` is the execution status once it is applied. */
export function toSseMessages(event: RecordedEvent<ExecutionEvent>, statusAfter: ExecutionStatus): SseMessage[] {
  switch (event.type) {
    case 'ExecutionRequested':
      return [status(event, 0, statusAfter, { job_id: event.data.job_id, source: event.data.source, workflow_id: event.data.workflow_id })];
    case 'ExecutionDispatched':
      return [status(event, 0, statusAfter, { attempt: event.data.attempt, queue: event.data.queue })];
    case 'ExecutionStarted':
      return [status(event, 0, statusAfter, { attempt: event.data.attempt, worker_id: event.data.worker_id, started_at: event.data.started_at })];
    case 'ExecutionOutputLogged':
      return event.data.lines.map((line, index) => ({
        id: `${event.revision}.${index}`,
        event: 'chunk',
        data: { data: { seq: line.seq, stream: line.stream, line: line.line, attempt: event.data.attempt }, content: `${line.line}\n`, timestamp: line.at },
      }));
    case 'ExecutionSucceeded':
      return statusAndEnding(event, statusAfter, { attempt: event.data.attempt, output: event.data.output, duration_ms: event.data.duration_ms }, true, null);
    case 'ExecutionFailed':
      return statusAndEnding(event, statusAfter, { attempt: event.data.attempt, error_message: event.data.error_message, will_retry: event.data.will_retry }, !event.data.will_retry, event.data.error_message);
    case 'ExecutionTimedOut':
      return statusAndEnding(event, statusAfter, { attempt: event.data.attempt, reason: event.data.reason, error_message: event.data.error_message, will_retry: event.data.will_retry }, !event.data.will_retry, event.data.error_message);
    case 'ExecutionRetryScheduled':
      return [status(event, 0, statusAfter, { next_attempt: event.data.next_attempt, retry_at: event.data.retry_at, reason: event.data.reason })];
    case 'ExecutionCancelled':
      return statusAndEnding(event, statusAfter, { attempt: event.data.attempt, reason: event.data.reason }, true, `Execution cancelled: ${event.data.reason}`);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
