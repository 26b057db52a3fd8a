import type { Event } from './messages';
import type { EntityType, ExecutionEnvironment, ExecutorType, PlanningMode } from './job';
import type { TriggerSource } from './trigger';

/**
 * Execution stream `execution-<id>` (DESIGN.md §3). Lifecycle:
 * Requested -> Dispatched -> Started -> Succeeded | Failed | TimedOut | Cancelled,
 * with RetryScheduled (after a Failed/TimedOut whose `will_retry` is true) and a new Dispatched per attempt.
 * OutputLogged may appear any number of times while an attempt runs. Attempts count from 1.
 */
export type ExecutionRequested = Event<'ExecutionRequested', {
  execution_id: string;
  job_id: string;
  organization_id: string;
  source: TriggerSource;
  /** Cron slot (ISO 8601) or null. */
  scheduled_for: string | null;
  parameters: Record<string, unknown>;
  trigger_metadata: Record<string, unknown>;
  /** prompt_template with every `{{name}}` filled from parameters. */
  prompt: string;
  system_prompt: string | null;
  /** Job config merged (shallow) with the trigger's config_override. Holds `timeout` (s) and `retry`. */
  config: Record<string, unknown>;
  planning_mode: PlanningMode;
  entity_type: EntityType | null;
  entity_id: string | null;
  entity_name: string | null;
  executor_type: ExecutorType;
  worker_queue_name: string | null;
  environment_name: string | null;
  /** env_vars in clear; `secrets` are names only, never values. */
  execution_environment: ExecutionEnvironment | null;
  /** `agent-execution-<id>` etc. (seed 003). */
  workflow_id: string;
  requested_at: string;
}>;

/** How an on_the_fly execution got its agent. */
export type AgentSelection = { agent_id: string; agent_name: string; reason: string; score: number; matched_capabilities: string[]; load: number };

export type ExecutionDispatched = Event<'ExecutionDispatched', {
  execution_id: string;
  attempt: number;
  /** Queue name (`default`, the worker_queue_name, or `env.<environment_name>`); the subject is subjects.work(queue). */
  queue: string;
  /** on_the_fly only: the agent chosen for this attempt and why; null otherwise. */
  selection: AgentSelection | null;
  dispatched_at: string;
}>;

export type ExecutionStarted = Event<'ExecutionStarted', {
  execution_id: string;
  attempt: number;
  worker_id: string;
  /** Worker-chosen id of this run (one per received work message); makes worker reports idempotent. */
  run_id: string;
  started_at: string;
  /** started_at + config.timeout, or null without a timeout. */
  deadline: string | null;
}>;

export type ExecutionLogLine = { seq: number; stream: 'stdout' | 'stderr' | 'system'; line: string; at: string };

/** Log lines are events so the read model and live streams can be rebuilt; `seq` is per execution, across attempts. */
export type ExecutionOutputLogged = Event<'ExecutionOutputLogged', { execution_id: string; attempt: number; lines: ExecutionLogLine[] }>;

export type ExecutionSucceeded = Event<'ExecutionSucceeded', { execution_id: string; attempt: number; output: string; completed_at: string; duration_ms: number }>;

/** `will_retry`: an ExecutionRetryScheduled follows in the same append; the execution is not finished. */
export type ExecutionFailed = Event<'ExecutionFailed', {
  execution_id: string; attempt: number; error_message: string; failed_at: string; duration_ms: number | null; will_retry: boolean;
}>;

export type ExecutionTimedOut = Event<'ExecutionTimedOut', {
  execution_id: string;
  attempt: number;
  /** `timeout`: config.timeout elapsed; `heartbeat`: the worker stopped heartbeating (killed, partitioned). */
  reason: 'timeout' | 'heartbeat';
  error_message: string;
  timed_out_at: string;
  duration_ms: number | null;
  will_retry: boolean;
}>;

export type ExecutionRetryScheduled = Event<'ExecutionRetryScheduled', { execution_id: string; next_attempt: number; retry_at: string; reason: string }>;

export type ExecutionCancelled = Event<'ExecutionCancelled', {
  execution_id: string; attempt: number; reason: string; by: { id: string; email: string | null }; cancelled_at: string; duration_ms: number | null;
}>;

export type ExecutionEvent =
  | ExecutionRequested
  | ExecutionDispatched
  | ExecutionStarted
  | ExecutionOutputLogged
  | ExecutionSucceeded
  | ExecutionFailed
  | ExecutionTimedOut
  | ExecutionRetryScheduled
  | ExecutionCancelled;
export type ExecutionEventType = ExecutionEvent['type'];

export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = [
  'ExecutionRequested', 'ExecutionDispatched', 'ExecutionStarted', 'ExecutionOutputLogged', 'ExecutionSucceeded',
  'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionRetryScheduled', 'ExecutionCancelled',
];
