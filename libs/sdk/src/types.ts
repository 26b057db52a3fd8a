import type { AuditEventItem, AuditEventsResponse, ExecutionAuditResponse, ExecutionLogLine, ExecutionResponse, ExecutionStatus, JobDefinition, JobExecutionItem, JobExecutionsResponse, JobResponse, StreamVerificationResponse, TriggerJobResult, TriggerType } from '@cp/contracts';

export type { AuditEventItem, AuditEventsResponse, ExecutionAuditResponse, ExecutionLogLine, ExecutionResponse, ExecutionStatus, JobExecutionItem, JobExecutionsResponse, JobResponse, StreamVerificationResponse, TriggerType };

/** Seed 000 JobCreate: `name`, `trigger_type` and `prompt_template` are required, the server applies the other defaults. */
export type JobCreateInput = Pick<JobDefinition, 'name' | 'trigger_type' | 'prompt_template'> &
  Partial<Omit<JobDefinition, 'name' | 'trigger_type' | 'prompt_template'>>;

/** Seed 001 JobUpdate: a partial update; only the fields present change. */
export type JobUpdateInput = Partial<JobDefinition>;

export type ListJobsOptions = { enabled?: boolean; triggerType?: TriggerType };

/** `asOf`: the job as it was at that instant, rebuilt from its events (issue 8). */
export type GetJobOptions = { asOf?: string | Date };

export type TriggerOptions = { parameters?: Record<string, unknown>; configOverride?: Record<string, unknown> };

/** Seed 003 JobTriggerResponse. */
export type JobTriggerResponse = Omit<TriggerJobResult, 'duplicate'>;

export type PageOptions = { limit?: number; offset?: number };

/** `GET /api/v1/executions/{id}/logs`: one page of stored lines; page on with `after: next_after` while `has_more`. */
export type ExecutionLogs = { execution_id: string; status: ExecutionStatus; lines: ExecutionLogLine[]; next_after: number; has_more: boolean };

export type LogsOptions = { after?: number; limit?: number };

/** One Server-Sent Event of `GET /api/v1/executions/{id}/stream`; `data` is parsed JSON when it is JSON. */
export type ExecutionStreamEvent = { id: string | null; event: string; data: unknown };

export type StreamOptions = {
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string;
  /** Reconnect attempts in a row that bring no new event before the iterator gives up (default 20). */
  maxReconnects?: number;
  /** Wait before reconnecting, unless the server sent `retry:` (default 1000 ms). */
  reconnectDelayMs?: number;
  signal?: AbortSignal;
};

/** The events that end a stream, as the real CLI treats them. */
export const TERMINAL_STREAM_EVENTS: readonly string[] = ['complete', 'done', 'error'];

export type AuditEventsOptions = { fromRevision?: number; limit?: number; asOf?: string | Date };

/** The body of a webhook delivery (seed 001). */
export type WebhookPayload = {
  parameters?: Record<string, unknown>;
  config_override?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
};

/** Either the secret (the SDK signs the exact bytes it sends) or a signature computed by the caller over those bytes. */
export type WebhookAuth = ({ secret: string; signature?: never } | { signature: string; secret?: never }) & {
  /** Sent as X-Webhook-Delivery: a repeated delivery id starts nothing new (issue 6). */
  deliveryId?: string;
};
