import type { ExecutionEvent, ExecutionRequested, RecordedEvent } from '@cp/contracts';
import { counterChanges, executionRowChanges, executionRowFromRequested, historyEntry, withNewHistoryEntry, withUpdatedHistoryEntry } from './execution-row.changes';

const EXEC = '0b8f7a52-0000-4000-8000-000000000001';
const T0 = '2026-01-01T00:00:00.000Z';

const requested: RecordedEvent<ExecutionRequested> = {
  type: 'ExecutionRequested',
  data: {
    execution_id: EXEC, job_id: 'job_1', organization_id: 'org-1', source: 'cron', scheduled_for: T0, parameters: { a: 1 }, trigger_metadata: { slot: T0 },
    prompt: 'p', system_prompt: null, config: {}, planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'agent-1', entity_name: 'A',
    executor_type: 'auto', worker_queue_name: null, environment_name: null, execution_environment: null, workflow_id: `agent-execution-${EXEC}`, requested_at: T0,
  },
  id: 'e0', streamId: `execution-${EXEC}`, revision: 0, position: '1', recordedAt: T0,
  metadata: { organizationId: 'org-1', actor: { id: 'u', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt: T0 },
};
const row = executionRowFromRequested(requested);
const apply = (event: Exclude<ExecutionEvent, ExecutionRequested>) => ({ ...row, ...executionRowChanges(event, row) });

describe('execution row changes', () => {
  it('starts pending with the trigger and the agent it runs on', () =>
    expect(row).toMatchObject({ id: EXEC, status: 'pending', trigger_type: 'cron', attempt: 1, agent_id: 'agent-1', scheduled_for: new Date(T0), stream_revision: 0 }));
  it('records the queue and the agent chosen on the fly', () => {
    const selection = { agent_id: 'agent-9', agent_name: 'Nine', reason: 'r', score: 1, matched_capabilities: ['x'], load: 0 };
    expect(apply({ type: 'ExecutionDispatched', data: { execution_id: EXEC, attempt: 2, queue: 'gpu', selection, dispatched_at: T0 } }))
      .toMatchObject({ status: 'queued', attempt: 2, queue: 'gpu', agent_id: 'agent-9', selection });
  });
  it('shows retrying (never a transient failed) when a failed attempt will be retried', () =>
    expect(apply({ type: 'ExecutionFailed', data: { execution_id: EXEC, attempt: 1, error_message: 'x', failed_at: T0, duration_ms: 5, will_retry: true } }))
      .toMatchObject({ status: 'retrying', completed_at: null, error_message: 'x' }));
  it('finishes a timed-out execution with no retry left', () =>
    expect(apply({ type: 'ExecutionTimedOut', data: { execution_id: EXEC, attempt: 1, reason: 'heartbeat', error_message: 'gone', timed_out_at: T0, duration_ms: 7, will_retry: false } }))
      .toMatchObject({ status: 'timed_out', completed_at: new Date(T0), duration_ms: 7, error_message: 'gone' }));
  it('keeps the output of a success and clears an earlier error', () =>
    expect(apply({ type: 'ExecutionSucceeded', data: { execution_id: EXEC, attempt: 2, output: 'ok', completed_at: T0, duration_ms: 3 } }))
      .toMatchObject({ status: 'completed', output: 'ok', error_message: null, duration_ms: 3 }));

  describe('job counters', () => {
    it('count a completion as successful', () => expect(counterChanges('running', 'completed')).toEqual({ successful: 1, failed: 0 }));
    it('count failed and timed_out as failed', () => {
      expect(counterChanges('running', 'failed')).toEqual({ successful: 0, failed: 1 });
      expect(counterChanges('running', 'timed_out')).toEqual({ successful: 0, failed: 1 });
    });
    it('count a cancel in neither', () => expect(counterChanges('running', 'cancelled')).toEqual({ successful: 0, failed: 0 }));
    it('count a retry in neither', () => expect(counterChanges('running', 'retrying')).toEqual({ successful: 0, failed: 0 }));
  });

  describe('execution history', () => {
    const entry = (id: string) => ({ ...historyEntry(row), execution_id: id });
    it('puts a new execution first and keeps the last 10', () => {
      const history = Array.from({ length: 10 }, (_, i) => entry(`e${i}`)) as Record<string, unknown>[];
      const next = withNewHistoryEntry(history, entry('new'));
      expect(next.map((e) => e.execution_id)).toEqual(['new', 'e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
    });
    it('updates a listed execution in place and leaves out one that dropped off', () => {
      const history = [entry('a'), entry('b')] as Record<string, unknown>[];
      expect(withUpdatedHistoryEntry(history, { ...entry('b'), status: 'completed' })[1]).toMatchObject({ execution_id: 'b', status: 'completed' });
      expect(withUpdatedHistoryEntry(history, entry('gone'))).toEqual(history);
    });
  });
});
