import {
  EXECUTION_HISTORY_SIZE,
  type ExecutionEvent,
  type ExecutionHistoryEntry,
  type ExecutionRequested,
  type ExecutionStatus,
  type RecordedEvent,
} from '@cp/contracts';
import type { ExecutionRow } from '../entities';

type Changes = Partial<ExecutionRow>;
type LaterEvent = Exclude<ExecutionEvent, ExecutionRequested>;

export function executionRowFromRequested(event: RecordedEvent<ExecutionRequested>): ExecutionRow {
  const d = event.data;
  return {
    id: d.execution_id, job_id: d.job_id, organization_id: d.organization_id, status: 'pending', trigger_type: d.source,
    trigger_metadata: d.trigger_metadata, parameters: d.parameters, attempt: 1, queue: null, worker_id: null,
    scheduled_for: d.scheduled_for ? new Date(d.scheduled_for) : null, requested_at: new Date(d.requested_at), started_at: null,
    completed_at: null, duration_ms: null, error_message: null, output: null, workflow_id: d.workflow_id, planning_mode: d.planning_mode,
    entity_type: d.entity_type, entity_id: d.entity_id, entity_name: d.entity_name, agent_id: d.entity_type === 'agent' ? d.entity_id : null,
    selection: null, updated_at: new Date(d.requested_at), stream_revision: event.revision,
  };
}

const ended = (status: ExecutionStatus, at: string, durationMs: number | null): Changes => ({ status, completed_at: new Date(at), duration_ms: durationMs });

/**
 * What an event changes on its execution row. A failed or timed-out attempt that will be retried shows `retrying`
 * at once, so a reader never sees a transient `failed` (the Go CLI would stop following).
 */
export function executionRowChanges(event: LaterEvent, row: ExecutionRow): Changes {
  switch (event.type) {
    case 'ExecutionDispatched': {
      const agentId = event.data.selection?.agent_id ?? row.agent_id;
      return { status: 'queued', attempt: event.data.attempt, queue: event.data.queue, selection: event.data.selection ?? row.selection, agent_id: agentId };
    }
    case 'ExecutionStarted':
      return { status: 'running', worker_id: event.data.worker_id, started_at: row.started_at ?? new Date(event.data.started_at) };
    case 'ExecutionOutputLogged':
      return {};
    case 'ExecutionSucceeded':
      return { ...ended('completed', event.data.completed_at, event.data.duration_ms), output: event.data.output, error_message: null };
    case 'ExecutionFailed':
      if (event.data.will_retry) return { status: 'retrying', error_message: event.data.error_message };
      return { ...ended('failed', event.data.failed_at, event.data.duration_ms), error_message: event.data.error_message };
    case 'ExecutionTimedOut':
      if (event.data.will_retry) return { status: 'retrying', error_message: event.data.error_message };
      return { ...ended('timed_out', event.data.timed_out_at, event.data.duration_ms), error_message: event.data.error_message };
    case 'ExecutionRetryScheduled':
      return { status: 'retrying' };
    case 'ExecutionCancelled':
      return { ...ended('cancelled', event.data.cancelled_at, event.data.duration_ms), error_message: event.data.reason };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Job counters: timed_out counts as failed; cancelled counts in neither (it is neither a success nor a failure). */
export function counterChanges(before: ExecutionStatus, after: ExecutionStatus): { successful: number; failed: number } {
  if (before === after) return { successful: 0, failed: 0 };
  return { successful: after === 'completed' ? 1 : 0, failed: after === 'failed' || after === 'timed_out' ? 1 : 0 };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function historyEntry(row: ExecutionRow): ExecutionHistoryEntry {
  return { execution_id: row.id, status: row.status, trigger_type: row.trigger_type, started_at: iso(row.started_at), completed_at: iso(row.completed_at), duration_ms: row.duration_ms };
}

/** A new execution goes first (most recent runs first, at most EXECUTION_HISTORY_SIZE). */
export function withNewHistoryEntry(history: Record<string, unknown>[], entry: ExecutionHistoryEntry): Record<string, unknown>[] {
  return [{ ...entry }, ...history.filter((item) => item.execution_id !== entry.execution_id)].slice(0, EXECUTION_HISTORY_SIZE);
}

/** An execution still listed is updated in place; one that dropped out of the last runs stays out. */
export function withUpdatedHistoryEntry(history: Record<string, unknown>[], entry: ExecutionHistoryEntry): Record<string, unknown>[] {
  return history.map((item) => (item.execution_id === entry.execution_id ? { ...entry } : item));
}
