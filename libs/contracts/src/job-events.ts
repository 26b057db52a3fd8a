import type { Event } from './messages';
import type { JobDefinition, JobDefinitionPatch, WebhookCredentials } from './job';

export type JobCreated = Event<'JobCreated', { job_id: string; organization_id: string; definition: JobDefinition; webhook: WebhookCredentials | null }>;
/** Only the fields that changed. `webhook` is present when the webhook was created (object) or retired (null). */
export type JobUpdated = Event<'JobUpdated', { job_id: string; changes: JobDefinitionPatch; webhook?: WebhookCredentials | null }>;
export type JobEnabled = Event<'JobEnabled', { job_id: string }>;
export type JobDisabled = Event<'JobDisabled', { job_id: string }>;
export type JobDeleted = Event<'JobDeleted', { job_id: string }>;
export type WebhookSecretRotated = Event<'WebhookSecretRotated', { job_id: string; secret_encrypted: string; previous_secret_encrypted: string; previous_valid_until: string }>;

export type JobEvent = JobCreated | JobUpdated | JobEnabled | JobDisabled | JobDeleted | WebhookSecretRotated;
export type JobEventType = JobEvent['type'];

export const JOB_EVENT_TYPES: readonly JobEventType[] = ['JobCreated', 'JobUpdated', 'JobEnabled', 'JobDisabled', 'JobDeleted', 'WebhookSecretRotated'];
