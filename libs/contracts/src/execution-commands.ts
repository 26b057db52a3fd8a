import type { Command } from './messages';
import type { JobDefinition } from './job';
import type { TriggerSource } from './trigger';
import type { WorkerLogLine } from './execution-work';

/** The job as the trigger sees it (folded from its stream); null when the stream does not exist. */
export type JobSnapshot = {
  job_id: string;
  organization_id: string;
  status: 'active' | 'disabled' | 'deleted';
  definition: JobDefinition | null;
  /** The token of the job's live webhook, null when it has none. */
  webhook_token?: string | null;
};

export type RequestExecution = Command<'RequestExecution', {
  execution_id: string;
  job: JobSnapshot | null;
  source: TriggerSource;
  parameters: Record<string, unknown>;
  config_override: Record<string, unknown> | null;
  scheduled_for: string | null;
  trigger_metadata: Record<string, unknown>;
  /** Webhook runs: the token the delivery came in on; it must still be the job's live webhook. */
  webhook_token?: string | null;
}>;

/** An agent an on_the_fly execution may run on, with its current load (running executions). */
export type AgentCandidate = { agent_id: string; name: string; description: string | null; capabilities: string[]; load: number; default_worker_queue: string | null };

/**
 * Read by the executor from the registry read model: `candidates` (on_the_fly jobs: the organization's agents) and
 * `agent_default_queue` (predefined_agent jobs: the agent's default_worker_queue, used when executor_type is auto).
 */
export type DispatchExecution = Command<'DispatchExecution', { execution_id: string; candidates: AgentCandidate[]; agent_default_queue: string | null }>;
export type StartExecution = Command<'StartExecution', { execution_id: string; attempt: number; run_id: string; worker_id: string }>;
export type LogExecutionOutput = Command<'LogExecutionOutput', { execution_id: string; attempt: number; run_id: string; first_index: number; lines: WorkerLogLine[] }>;
export type SucceedExecution = Command<'SucceedExecution', { execution_id: string; attempt: number; run_id: string; output: string }>;
export type FailExecution = Command<'FailExecution', { execution_id: string; attempt: number; run_id: string; error_message: string }>;
export type TimeOutExecution = Command<'TimeOutExecution', { execution_id: string; attempt: number; reason: 'timeout' | 'heartbeat' }>;
export type CancelExecution = Command<'CancelExecution', { execution_id: string; job_id: string; reason: string | null }>;

export type ExecutionCommand =
  | RequestExecution
  | DispatchExecution
  | StartExecution
  | LogExecutionOutput
  | SucceedExecution
  | FailExecution
  | TimeOutExecution
  | CancelExecution;
