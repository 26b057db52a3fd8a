import type { ExecutionResponse, JobExecutionItem } from '@cp/contracts';
import type { ExecutionRow } from './entities';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** An item of GET /jobs/{id}/executions: the seed's fields plus created_at (the Go CLI reads it). */
export function toJobExecutionItem(row: ExecutionRow): JobExecutionItem {
  return {
    execution_id: row.id,
    trigger_type: row.trigger_type,
    status: row.status,
    started_at: iso(row.started_at),
    completed_at: iso(row.completed_at),
    created_at: row.requested_at.toISOString(),
    duration_ms: row.duration_ms,
    error_message: row.error_message,
    trigger_metadata: row.trigger_metadata,
  };
}

/** GET /executions/{id}: one object with both `id` and `execution_id`. */
export function toExecutionResponse(row: ExecutionRow): ExecutionResponse {
  return {
    ...toJobExecutionItem(row),
    id: row.id,
    job_id: row.job_id,
    organization_id: row.organization_id,
    workflow_id: row.workflow_id,
    planning_mode: row.planning_mode,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    entity_name: row.entity_name,
    selection: row.selection,
    attempt: row.attempt,
    queue: row.queue,
    worker_id: row.worker_id,
    scheduled_for: iso(row.scheduled_for),
    parameters: row.parameters,
    output: row.output,
    updated_at: (row.updated_at ?? row.requested_at).toISOString(),
  };
}
