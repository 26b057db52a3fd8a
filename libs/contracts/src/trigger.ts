import type { RequestContext } from './job-commands';

export const TRIGGER_SOURCES = ['manual', 'cron', 'webhook'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/**
 * `cmd.jobs.trigger`: start one execution of a job. Used by the gateway (manual), the scheduler (cron) and the
 * webhooks service (webhook). Cron and webhook triggers pass a deterministic `execution_id` (UUIDv5 of job id +
 * slot, or job id + delivery id): the execution stream is appended with expected "no stream", so a repeated
 * trigger returns the first execution (`duplicate: true`) and starts nothing new.
 */
export type TriggerJobRequest = {
  context: RequestContext;
  job_id: string;
  parameters: Record<string, unknown>;
  config_override: Record<string, unknown> | null;
  source: TriggerSource;
  execution_id?: string;
  /** Cron: the slot this run belongs to (ISO 8601). */
  scheduled_for?: string | null;
  /** What caused the run, kept with the execution: webhook path, delivery id, payload metadata, cron slot... */
  trigger_metadata?: Record<string, unknown>;
  /** Event id of the cause (for the audit "why did this run?" chain), when there is one. */
  causation_id?: string | null;
  /** Webhook deliveries: the token of the URL called (the job must still have this webhook). */
  webhook_token?: string | null;
};

/** Seed 003 JobTriggerResponse, plus `duplicate` for idempotent re-triggers (internal; the gateway drops it). */
export type TriggerJobResult = {
  job_id: string;
  execution_id: string;
  workflow_id: string;
  status: 'started';
  message: string;
  duplicate: boolean;
};
