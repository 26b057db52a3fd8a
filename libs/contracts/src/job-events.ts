import type { Event } from './messages';
import type { JobDefinition, JobDefinitionPatch, WebhookCredentials } from './job';

export type JobCreated = Event<'JobCreated', { job_id: string; organization_id: string; definition: JobDefinition; webhook: WebhookCredentials | null }>;
/** Only the fields that changed. `webhook` is present when the webhook was created (object) or retired (null). */
export type JobUpdated = Event<'JobUpdated', { job_id: string; changes: JobDefinitionPatch; webhook?: WebhookCredentials | null }>;
export type JobEnabled = Event<'JobEnabled', { job_id: string }>;
export type JobDisabled = Event<'JobDisabled', { job_id: string }>;
export type JobDeleted = Event<'JobDeleted', { job_id: string }>;
/** Schema v2 (v1 had no `grace_period_seconds`; libs/domain upcasting derives it when reading a v1 event). */
export type WebhookSecretRotated = Event<'WebhookSecretRotated', {
  job_id: string; secret_encrypted: string; previous_secret_encrypted: string; previous_valid_until: string; grace_period_seconds: number;
}>;

/**
 * Cron slots the scheduler did not run (issue 5), kept on the job stream for the audit trail. `misfire`: missed by
 * more than config.catchup_window_seconds (one event covers consecutive slots, scheduled_for..last_scheduled_for);
 * `overlap_forbid`: concurrency_policy forbid while `blocking_execution_ids` still ran; `trigger_rejected`: the
 * trigger refused the run (e.g. a template variable the schedule cannot supply), with the reason in `detail`.
 */
export const SCHEDULED_RUN_SKIP_REASONS = ['misfire', 'overlap_forbid', 'trigger_rejected'] as const;
export type ScheduledRunSkipReason = (typeof SCHEDULED_RUN_SKIP_REASONS)[number];
export type ScheduledRunSkipped = Event<'ScheduledRunSkipped', {
  job_id: string;
  reason: ScheduledRunSkipReason;
  scheduled_for: string;
  last_scheduled_for: string;
  slot_count: number;
  blocking_execution_ids: string[];
  detail: string | null;
}>;

export type JobEvent = JobCreated | JobUpdated | JobEnabled | JobDisabled | JobDeleted | WebhookSecretRotated | ScheduledRunSkipped;
export type JobEventType = JobEvent['type'];

export const JOB_EVENT_TYPES: readonly JobEventType[] = ['JobCreated', 'JobUpdated', 'JobEnabled', 'JobDisabled', 'JobDeleted', 'WebhookSecretRotated', 'ScheduledRunSkipped'];
