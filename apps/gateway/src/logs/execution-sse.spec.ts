import type { ExecutionEvent, RecordedEvent } from '@cp/contracts';
import { formatSse, isAfter, parseLastEventId, toSseMessages } from './execution-sse';

const recorded = (revision: number, event: ExecutionEvent): RecordedEvent<ExecutionEvent> => ({
  ...event, id: `ev-${revision}`, streamId: 'execution-x1', revision, position: String(100 + revision), recordedAt: '2026-01-01T00:00:01.000Z',
  metadata: { organizationId: 'org-1', actor: { id: 'u', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt: '2026-01-01T00:00:01.000Z' },
}) as RecordedEvent<ExecutionEvent>;

describe('execution SSE messages', () => {
  it('turns each logged line into a chunk event the CLI prints, numbered within its event', () => {
    const messages = toSseMessages(recorded(4, { type: 'ExecutionOutputLogged', data: { execution_id: 'x1', attempt: 1, lines: [
      { seq: 7, stream: 'stdout', line: 'hello', at: '2026-01-01T00:00:02.000Z' }, { seq: 8, stream: 'stderr', line: 'warn', at: '2026-01-01T00:00:03.000Z' },
    ] } }), 'running');
    expect(messages).toEqual([
      { id: '4.0', event: 'chunk', data: { data: { seq: 7, stream: 'stdout', line: 'hello', attempt: 1 }, content: 'hello\n', timestamp: '2026-01-01T00:00:02.000Z' } },
      { id: '4.1', event: 'chunk', data: { data: { seq: 8, stream: 'stderr', line: 'warn', attempt: 1 }, content: 'warn\n', timestamp: '2026-01-01T00:00:03.000Z' } },
    ]);
  });

  it('reports a status change with the status at the top level, where the CLI reads it', () => {
    const [message] = toSseMessages(recorded(2, { type: 'ExecutionStarted', data: { execution_id: 'x1', attempt: 1, worker_id: 'w-1', run_id: 'r', started_at: 'T', deadline: null } }), 'running');
    expect(message).toMatchObject({ id: '2.0', event: 'status', data: { status: 'running', data: { status: 'running', worker_id: 'w-1' }, timestamp: '2026-01-01T00:00:01.000Z' } });
  });

  it('ends a success with complete', () => {
    const messages = toSseMessages(recorded(6, { type: 'ExecutionSucceeded', data: { execution_id: 'x1', attempt: 1, output: 'ok', completed_at: 'T', duration_ms: 5 } }), 'completed');
    expect(messages.map((m) => [m.id, m.event])).toEqual([['6.0', 'status'], ['6.1', 'complete']]);
  });

  it('ends a final failure with error (carrying the message) but not a failure that will be retried', () => {
    const failed = (willRetry: boolean) => recorded(5, { type: 'ExecutionFailed', data: { execution_id: 'x1', attempt: 1, error_message: 'boom', failed_at: 'T', duration_ms: 1, will_retry: willRetry } });
    expect(toSseMessages(failed(false), 'failed')[1]).toMatchObject({ event: 'error', data: { error: 'boom', status: 'failed' } });
    expect(toSseMessages(failed(true), 'failed').map((m) => m.event)).toEqual(['status']);
  });

  it('ends a cancellation and a final timeout with error', () => {
    const cancelled = recorded(3, { type: 'ExecutionCancelled', data: { execution_id: 'x1', attempt: 1, reason: 'by user', by: { id: 'u', email: null }, cancelled_at: 'T', duration_ms: null } });
    const timedOut = recorded(3, { type: 'ExecutionTimedOut', data: { execution_id: 'x1', attempt: 1, reason: 'heartbeat', error_message: 'no heartbeat', timed_out_at: 'T', duration_ms: null, will_retry: false } });
    expect(toSseMessages(cancelled, 'cancelled').map((m) => m.event)).toEqual(['status', 'error']);
    expect(toSseMessages(timedOut, 'timed_out')[1].data).toMatchObject({ error: 'no heartbeat', status: 'timed_out' });
  });

  it('writes the SSE wire format with a space after each colon', () => {
    expect(formatSse({ id: '1.0', event: 'status', data: { status: 'queued' } })).toBe('id: 1.0\nevent: status\ndata: {"status":"queued"}\n\n');
    expect(formatSse({ id: null, event: 'connected', data: {} })).toBe('event: connected\ndata: {}\n\n');
  });

  it('resumes strictly after the Last-Event-ID, and from the start without a usable one', () => {
    const last = parseLastEventId('4.1');
    expect(last).toEqual({ revision: 4, index: 1 });
    expect(isAfter({ revision: 4, index: 1 }, last)).toBe(false);
    expect(isAfter({ revision: 4, index: 2 }, last)).toBe(true);
    expect(isAfter({ revision: 5, index: 0 }, last)).toBe(true);
    expect(isAfter({ revision: 3, index: 9 }, last)).toBe(false);
    expect(parseLastEventId(undefined)).toBeNull();
    expect(parseLastEventId('garbage')).toBeNull();
  });
});
