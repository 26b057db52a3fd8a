import type { JobCreated, JobDefinition, JobEvent, JobStatus, RecordedEvent } from '@cp/contracts';
import type { JobRow } from '../entities';

/** Every user-editable field; a Record so that a field added to JobDefinition fails to compile until listed. */
const DEFINITION_FIELDS: Record<keyof JobDefinition, true> = {
  name: true,
  description: true,
  enabled: true,
  trigger_type: true,
  cron_schedule: true,
  cron_timezone: true,
  planning_mode: true,
  entity_type: true,
  entity_id: true,
  entity_name: true,
  prompt_template: true,
  system_prompt: true,
  executor_type: true,
  worker_queue_name: true,
  environment_name: true,
  config: true,
  execution_environment: true,
};

export type JobChangeEvent = Exclude<RecordedEvent<JobEvent>, RecordedEvent<JobCreated>>;

export const statusFor = (enabled: boolean): JobStatus => (enabled ? 'active' : 'disabled');

/** The row a JobCreated event creates. next_execution_at stays null until the scheduler fills it. */
export function jobRowFromCreated(event: RecordedEvent<JobCreated>): JobRow {
  const { definition, webhook } = event.data;
  const at = new Date(event.metadata.occurredAt);
  const { actor } = event.metadata;
  return {
    id: event.data.job_id,
    organization_id: event.data.organization_id,
    ...definitionFields(definition),
    status: statusFor(definition.enabled),
    last_execution_id: null,
    last_execution_at: null,
    next_execution_at: null,
    total_executions: 0,
    successful_executions: 0,
    failed_executions: 0,
    execution_history: [],
    created_by: actor.id,
    updated_by: actor.id,
    created_by_email: actor.email,
    updated_by_email: actor.email,
    created_at: at,
    updated_at: at,
    last_triggered_at: null,
    deleted_at: null,
    webhook_token: webhook?.token ?? null,
    webhook_secret_encrypted: webhook?.secret_encrypted ?? null,
    previous_webhook_secret_encrypted: null,
    previous_webhook_secret_valid_until: null,
    stream_revision: event.revision,
  };
}

/** The columns an event after JobCreated changes (stream_revision excluded). */
export function jobRowChanges(event: JobChangeEvent): Partial<JobRow> {
  const touched = updatedBy(event);
  switch (event.type) {
    case 'ScheduledRunSkipped':
      // A scheduler record, not an edit: next_execution_at is kept by the schedule projection.
      return {};
    case 'JobUpdated':
      return { ...definitionFields(event.data.changes), ...enabledStatus(event.data.changes.enabled), ...webhookChanges(event.data.webhook), ...touched };
    case 'JobEnabled':
      return { enabled: true, status: 'active', ...touched };
    case 'JobDisabled':
      return { enabled: false, status: 'disabled', ...touched };
    case 'JobDeleted':
      return { deleted_at: new Date(event.metadata.occurredAt), webhook_token: null, ...touched };
    case 'WebhookSecretRotated':
      return {
        webhook_secret_encrypted: event.data.secret_encrypted,
        previous_webhook_secret_encrypted: event.data.previous_secret_encrypted,
        previous_webhook_secret_valid_until: new Date(event.data.previous_valid_until),
        ...touched,
      };
    default: {
      const unexpected: never = event;
      throw new Error(`Unhandled job event ${(unexpected as { type: string }).type}`);
    }
  }
}

function definitionFields<T extends Partial<JobDefinition>>(source: T): Pick<T, keyof JobDefinition & keyof T> {
  const picked: Partial<JobDefinition> = {};
  for (const key of Object.keys(source) as (keyof JobDefinition)[]) {
    if (DEFINITION_FIELDS[key] && source[key] !== undefined) (picked as Record<string, unknown>)[key] = source[key];
  }
  return picked as Pick<T, keyof JobDefinition & keyof T>;
}

function enabledStatus(enabled: boolean | undefined): Partial<JobRow> {
  return enabled === undefined ? {} : { status: statusFor(enabled) };
}

/** `undefined`: webhook untouched; object: new credentials; null: webhook retired. */
function webhookChanges(webhook: { token: string; secret_encrypted: string } | null | undefined): Partial<JobRow> {
  if (webhook === undefined) return {};
  return {
    webhook_token: webhook?.token ?? null,
    webhook_secret_encrypted: webhook?.secret_encrypted ?? null,
    previous_webhook_secret_encrypted: null,
    previous_webhook_secret_valid_until: null,
  };
}

function updatedBy(event: JobChangeEvent): Pick<JobRow, 'updated_by' | 'updated_by_email' | 'updated_at'> {
  return { updated_by: event.metadata.actor.id, updated_by_email: event.metadata.actor.email, updated_at: new Date(event.metadata.occurredAt) };
}
