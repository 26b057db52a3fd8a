import type { EntityType, PlanningMode } from './job';
import type { AgentSelection } from './execution-events';
import type { TriggerSource } from './trigger';

/** Status of an execution in the read model and the API. */
export const EXECUTION_STATUSES = ['pending', 'queued', 'running', 'retrying', 'completed', 'failed', 'timed_out', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** No event changes an execution after one of these (late worker reports are ignored). */
export const TERMINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = ['completed', 'failed', 'timed_out', 'cancelled'];
export const isTerminalExecutionStatus = (status: string): boolean => (TERMINAL_EXECUTION_STATUSES as readonly string[]).includes(status);

/** What a job runs for this execution. on_the_fly jobs get their agent when dispatched. */
export type ExecutionEntity = { type: EntityType; id: string; name: string | null };

/** Seed 003: `agent-execution-<id>` / `team-execution-<id>` / `workflow-execution-<id>`; on_the_fly runs an agent. */
export function executionWorkflowId(entityType: EntityType | null, executionId: string): string {
  return `${entityType ?? 'agent'}-execution-${executionId}`;
}

/** Retry policy read from the job's effective `config.retry` (see libs/domain execution-policy). */
export type RetryPolicy = { max_attempts: number; backoff_seconds: number; exponential: boolean; max_backoff_seconds: number };

/** One item of `GET /api/v1/jobs/{job_id}/executions` (seed 001 get_executions + CLI fields). */
export type JobExecutionItem = {
  execution_id: string;
  trigger_type: TriggerSource;
  status: ExecutionStatus;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  duration_ms: number | null;
  error_message: string | null;
  trigger_metadata: Record<string, unknown>;
};

/** `total` repeats `total_count` because the Go CLI reads `total`. */
export type JobExecutionsResponse = { job_id: string; total_count: number; total: number; executions: JobExecutionItem[] };

/** `GET /api/v1/executions/{id}`: `id` and `execution_id` are the same (the CLI reads `id`). */
export type ExecutionResponse = JobExecutionItem & {
  id: string;
  job_id: string;
  organization_id: string;
  workflow_id: string | null;
  planning_mode: PlanningMode | null;
  entity_type: EntityType | null;
  entity_id: string | null;
  entity_name: string | null;
  /** on_the_fly: the agent chosen and why. */
  selection: AgentSelection | null;
  attempt: number;
  queue: string | null;
  worker_id: string | null;
  scheduled_for: string | null;
  parameters: Record<string, unknown>;
  output: string | null;
  updated_at: string;
};

/** An entry of JobResponse.execution_history (most recent first, at most EXECUTION_HISTORY_SIZE). */
export type ExecutionHistoryEntry = {
  execution_id: string;
  status: ExecutionStatus;
  trigger_type: TriggerSource;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
};
export const EXECUTION_HISTORY_SIZE = 10;
