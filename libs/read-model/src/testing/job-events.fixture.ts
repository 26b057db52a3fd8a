import { randomUUID } from 'node:crypto';
import type { Actor, JobDefinition, JobEvent } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';

/** Test data: job events as the jobs service appends them. */
export const alice: Actor = { id: 'user-alice', email: 'alice@example.com' };
export const bob: Actor = { id: 'user-bob', email: null };

export function aDefinition(overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    name: 'Nightly report',
    description: 'Summarise yesterday',
    enabled: true,
    trigger_type: 'cron',
    cron_schedule: '0 3 * * *',
    cron_timezone: 'Europe/Berlin',
    planning_mode: 'predefined_agent',
    entity_type: 'agent',
    entity_id: 'agent-1',
    entity_name: 'Reporter',
    prompt_template: 'Report on {{day}}',
    system_prompt: null,
    executor_type: 'auto',
    worker_queue_name: null,
    environment_name: null,
    config: { timeout: 300, retries: { max: 2 } },
    execution_environment: { env_vars: { LEVEL: 'info' }, secrets: ['API_KEY'], integration_ids: [], mcp_servers: {} },
    ...overrides,
  };
}

export function jobEvent(event: JobEvent, organizationId: string, occurredAt: string, actor: Actor = alice): EventToAppend {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { organizationId, actor, correlationId: randomUUID(), causationId: null, schemaVersion: 1, occurredAt },
  };
}

export const newJobId = (): string => `job_${randomUUID()}`;
