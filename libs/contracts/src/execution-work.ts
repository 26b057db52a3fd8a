import type { RequestContext } from './job-commands';
import type { PlanningMode } from './job';
import type { ExecutionEntity, ExecutionStatus } from './execution';
import type { AgentSelection } from './execution-events';

/**
 * Worker protocol (DESIGN.md §5).
 *
 * 1. The executor publishes a WorkItem to JetStream `subjects.work(queue)` (stream `subjects.workStream`, work-queue
 *    retention) with msgID `workMessageId(execution_id, attempt)`. Queues: `default` (executor_type auto),
 *    the job's worker_queue_name (specific_queue), `env.<environment_name>` (environment).
 *    Workers pull with a durable consumer named `workConsumerName(queue)` filtered on `subjects.work(queue)`.
 * 2. On receiving one, the worker picks a fresh `run_id` and sends `cmd.executor.started`. Only if the reply is
 *    `accepted` does it run; otherwise the item is stale (a redelivery of an attempt that timed out, was cancelled or
 *    already runs elsewhere): ack it and drop it. Never run without an accepted `started`.
 * 3. While running: `cmd.executor.heartbeat` every `heartbeat_interval_ms` (and msg.working() on the JetStream
 *    message), `cmd.executor.log` with output lines. A heartbeat or log reply with `accepted: false` means stop now
 *    (cancelled / timed out). The executor also publishes on core NATS `subjects.live(cancelTopic(execution_id))`
 *    (payload ExecutionCancelNotice) when an execution is cancelled or timed out.
 * 4. At the end: `cmd.executor.succeeded` or `cmd.executor.failed`, then ack the JetStream message.
 * Every report carries execution_id + attempt + run_id; resending the same report (after a lost reply) is safe.
 * A worker killed with kill -9 stops heartbeating: after `heartbeat_timeout_ms` the executor times the attempt out and
 * applies the retry policy (a new attempt = a new WorkItem).
 */
export const EXECUTOR_SERVICE = 'executor';

export const DEFAULT_WORK_QUEUE = 'default';

export type WorkItem = {
  execution_id: string;
  job_id: string;
  organization_id: string;
  attempt: number;
  queue: string;
  planning_mode: PlanningMode;
  /** What to run: the job's agent/team/workflow, or the agent selected for on_the_fly; null if none could be chosen. */
  entity: ExecutionEntity | null;
  selection: AgentSelection | null;
  prompt: string;
  system_prompt: string | null;
  parameters: Record<string, unknown>;
  /** Effective config (job config + override). */
  config: Record<string, unknown>;
  /** config.timeout in seconds, or null. The run must end by started_at + timeout (the started reply gives the deadline). */
  timeout_seconds: number | null;
  heartbeat_interval_ms: number;
  env_vars: Record<string, string>;
  /** Secret names from execution_environment.secrets; values never travel in clear. */
  secret_names: string[];
  integration_ids: string[];
  mcp_servers: Record<string, Record<string, unknown>>;
  dispatched_at: string;
  correlation_id: string;
};

export const workMessageId = (executionId: string, attempt: number): string => `${executionId}:${attempt}`;
/** Queue names may contain dots (`env.prod`); consumer names may not. */
export const workConsumerName = (queue: string): string => `worker-${queue.replace(/[^A-Za-z0-9_-]/g, '_')}`;
export const environmentQueue = (environmentName: string): string => `env.${environmentName}`;
/**
 * Topic for subjects.live(): each new ExecutionRequested (the recorded event), published by the jobs service right
 * after the append so the executor can dispatch at once. Only a hint (core NATS, may be lost): JetStream EVENTS,
 * fed by the relay, is the delivery that survives crashes.
 */
export const EXECUTION_REQUESTED_TOPIC = 'execution-requested';
/** Topic for subjects.live(): core NATS, not persisted. */
export const cancelTopic = (executionId: string): string => `cancel.${executionId}`;
export type ExecutionCancelNotice = { execution_id: string; attempt: number; reason: string; status: ExecutionStatus };

/** Identifies one run of one attempt. */
export type WorkerRunRef = { execution_id: string; attempt: number; run_id: string; worker_id: string };

export type WorkerLogLine = { stream: 'stdout' | 'stderr' | 'system'; line: string; at: string };

/** `cmd.executor.<name>` payloads. */
export type ExecutorServiceRequests = {
  started: WorkerRunRef;
  heartbeat: WorkerRunRef;
  /** `first_index`: 0-based index of lines[0] among all lines this run has sent (lets the executor drop resent lines). */
  log: WorkerRunRef & { first_index: number; lines: WorkerLogLine[] };
  succeeded: WorkerRunRef & { output: string };
  failed: WorkerRunRef & { error_message: string };
  /** From the gateway (POST /jobs/{job_id}/executions/{execution_id}/cancel). */
  cancel: { context: RequestContext; job_id: string; execution_id: string; reason: string | null };
};
export type ExecutorCommandName = keyof ExecutorServiceRequests;

/**
 * Reply `result` of every worker report. `accepted: false`: the report is stale (late result after a timeout or
 * cancel, another run owns the attempt, a newer attempt exists) and was ignored; the worker must stop.
 * `deadline` (started only): when the executor will time this attempt out, or null.
 */
export type WorkerReportResult = { accepted: boolean; status: ExecutionStatus; deadline: string | null; reason: string | null };

export type CancelExecutionResult = { execution_id: string; job_id: string; status: ExecutionStatus };
