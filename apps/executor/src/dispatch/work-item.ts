import type { ExecutionEntity, WorkItem } from '@cp/contracts';
import { timeoutSeconds, type LiveExecution } from '@cp/domain';

/** What the job runs for this attempt: the agent chosen on the fly, or the job's own entity. */
function entityOf(execution: LiveExecution): ExecutionEntity | null {
  if (execution.selection) return { type: 'agent', id: execution.selection.agent_id, name: execution.selection.agent_name };
  const { entity_type, entity_id, entity_name } = execution.request;
  return entity_type && entity_id ? { type: entity_type, id: entity_id, name: entity_name } : null;
}

/** The message a worker receives on `work.<queue>` for the execution's current (queued) attempt. */
export function workItemFor(execution: LiveExecution, heartbeatIntervalMs: number, correlationId: string): WorkItem {
  const request = execution.request;
  const environment = request.execution_environment;
  return {
    execution_id: request.execution_id,
    job_id: request.job_id,
    organization_id: request.organization_id,
    attempt: execution.attempt,
    queue: execution.queue ?? 'default',
    planning_mode: request.planning_mode,
    entity: entityOf(execution),
    selection: execution.selection,
    prompt: request.prompt,
    system_prompt: request.system_prompt,
    parameters: request.parameters,
    config: request.config,
    timeout_seconds: timeoutSeconds(request.config),
    heartbeat_interval_ms: heartbeatIntervalMs,
    env_vars: environment?.env_vars ?? {},
    secret_names: environment?.secrets ?? [],
    integration_ids: environment?.integration_ids ?? [],
    mcp_servers: environment?.mcp_servers ?? {},
    dispatched_at: execution.dispatchedAt ?? request.requested_at,
    correlation_id: correlationId,
  };
}
