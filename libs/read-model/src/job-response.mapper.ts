import { WEBHOOK_PATH_PREFIX } from '@cp/contracts';
import type { JobResponse } from '@cp/contracts';
import type { JobRow } from './entities';

/**
 * A row as the seed's JobResponse: timestamps RFC 3339 in UTC (`Z`), webhook_url built from the public base URL,
 * webhook_secret null (shown only in the create response), temporal_schedule_id null (no Temporal here).
 */
export function toJobResponse(row: JobRow, publicBaseUrl: string): JobResponse {
  return {
    id: row.id,
    organization_id: row.organization_id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    status: row.status,
    trigger_type: row.trigger_type,
    cron_schedule: row.cron_schedule,
    cron_timezone: row.cron_timezone,
    webhook_url: row.webhook_token ? `${publicBaseUrl.replace(/\/+$/, '')}${WEBHOOK_PATH_PREFIX}${row.webhook_token}` : null,
    webhook_secret: null,
    temporal_schedule_id: null,
    planning_mode: row.planning_mode,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    entity_name: row.entity_name,
    prompt_template: row.prompt_template,
    system_prompt: row.system_prompt,
    executor_type: row.executor_type,
    worker_queue_name: row.worker_queue_name,
    environment_name: row.environment_name,
    config: row.config,
    execution_environment: row.execution_environment,
    last_execution_id: row.last_execution_id,
    last_execution_at: isoOrNull(row.last_execution_at),
    next_execution_at: isoOrNull(row.next_execution_at),
    total_executions: row.total_executions,
    successful_executions: row.successful_executions,
    failed_executions: row.failed_executions,
    execution_history: row.execution_history,
    created_by: row.created_by,
    updated_by: row.updated_by,
    created_by_email: row.created_by_email,
    updated_by_email: row.updated_by_email,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_triggered_at: isoOrNull(row.last_triggered_at),
  };
}

const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
