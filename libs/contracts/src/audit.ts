import type { Actor } from './messages';
import type { TriggerSource } from './trigger';

/** What replaces a secret in every audit answer. */
export const REDACTED = '[redacted]';

/** One recorded event as the audit API serves it (issue 8 §1). `data` never holds a secret in clear. */
export type AuditEventItem = {
  revision: number;
  /** Global position in the event store. */
  position: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  recorded_at: string;
  occurred_at: string;
  actor: Actor;
  correlation_id: string;
  causation_id: string | null;
  /** Schema version of `data` as served (after upcasting). */
  schema_version: number;
  /** The version the event was stored with, when an upcaster changed it; otherwise null. */
  stored_schema_version: number | null;
};

/** `GET /api/v1/jobs/{job_id}/events` and `GET /api/v1/executions/{execution_id}/events`. */
export type AuditEventsResponse = {
  stream_id: string;
  events: AuditEventItem[];
  /** Pass as `from_revision` for the next page; null when this page reached the end (or the `as_of` instant). */
  next_revision: number | null;
};

/** A reference to one stored event. */
export type AuditEventRef = { stream_id: string; revision: number; event_id: string; type: string; recorded_at: string };

/** "Why did this run?" (issue 8 §3): what started an execution, from its ExecutionRequested event. */
export type ExecutionCause = {
  source: TriggerSource;
  /** Who asked: the user of a manual trigger, `system:scheduler` for cron, `webhook` for a delivery. */
  actor: Actor;
  /** Cron: the slot this run belongs to. */
  scheduled_for: string | null;
  /** Webhook: the X-Webhook-Delivery id of the delivery. */
  delivery_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  /** The event `causation_id` names, when it is one of the job's events. */
  caused_by: AuditEventRef | null;
  /** The job's last event before the request: the definition the run was started from. */
  job_definition: AuditEventRef | null;
  requested: AuditEventRef;
};

export type ExecutionAuditResponse = AuditEventsResponse & { execution_id: string; job_id: string; cause: ExecutionCause };

/** `GET /api/v1/jobs/{job_id}/events/verify` (issue 8 §8). */
export type StreamVerificationResponse = {
  job_id: string;
  stream_id: string;
  intact: boolean;
  /** Events examined, including the first broken one. */
  checked_events: number;
  first_broken_revision: number | null;
  reason: string | null;
};
