import type { JobDefinition, RecordedEvent } from '@cp/contracts';

let position = 0;

/** Recorded events as the event store would hand them to the scheduler. */
export function recorded(type: string, data: Record<string, unknown>, occurredAtMs: number): RecordedEvent {
  position++;
  const occurredAt = new Date(occurredAtMs).toISOString();
  const streamId = type.startsWith('Execution') ? `execution-${data.execution_id as string}` : `job-${data.job_id as string}`;
  return {
    type, data, id: `event-${position}`, streamId, revision: 0, position: String(position), recordedAt: occurredAt,
    metadata: { organizationId: 'org-1', actor: { id: 'user-1', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt },
  };
}

export function cronDefinition(overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    name: 'every second', description: null, enabled: true, trigger_type: 'cron', cron_schedule: '* * * * * *', cron_timezone: 'UTC',
    planning_mode: 'on_the_fly', entity_type: null, entity_id: null, entity_name: null, prompt_template: 'tick', system_prompt: null,
    executor_type: 'auto', worker_queue_name: null, environment_name: null, config: {}, execution_environment: null, ...overrides,
  };
}

export const jobCreated = (jobId: string, atMs: number, overrides: Partial<JobDefinition> = {}): RecordedEvent =>
  recorded('JobCreated', { job_id: jobId, organization_id: 'org-1', definition: cronDefinition(overrides), webhook: null }, atMs);
