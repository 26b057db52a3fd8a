import type { CommandMetadata, ExecutionEvent, ExecutionRequested, JobDefinition, JobSnapshot } from '@cp/contracts';

export const T0 = '2026-01-01T00:00:00.000Z';
export const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();
export const meta = (now = T0, organizationId = 'org-1'): CommandMetadata => ({ organizationId, actor: { id: 'user-1', email: 'u@example.com' }, now, correlationId: 'c-1' });

export const EXEC = '0b8f7a52-0000-4000-8000-000000000001';
export const JOB = 'job_6f1c2b1e-0000-4000-8000-000000000001';

export const jobDefinition = (overrides: Partial<JobDefinition> = {}): JobDefinition => ({
  name: 'Backup', description: null, enabled: true, trigger_type: 'manual', cron_schedule: null, cron_timezone: 'UTC',
  planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'agent-1', entity_name: 'Backupper', prompt_template: 'Back up {{db}}',
  system_prompt: 'Be careful', executor_type: 'auto', worker_queue_name: null, environment_name: null, config: {}, execution_environment: null,
  ...overrides,
});

export const jobSnapshot = (overrides: Partial<JobDefinition> = {}, status: JobSnapshot['status'] = 'active'): JobSnapshot => ({
  job_id: JOB, organization_id: 'org-1', status, definition: jobDefinition(overrides),
});

export const requested = (overrides: Partial<ExecutionRequested['data']> = {}): ExecutionEvent => ({
  type: 'ExecutionRequested',
  data: {
    execution_id: EXEC, job_id: JOB, organization_id: 'org-1', source: 'manual', scheduled_for: null, parameters: { db: 'orders' },
    trigger_metadata: {}, prompt: 'Back up orders', system_prompt: 'Be careful', config: {}, planning_mode: 'predefined_agent',
    entity_type: 'agent', entity_id: 'agent-1', entity_name: 'Backupper', executor_type: 'auto', worker_queue_name: null,
    environment_name: null, execution_environment: null, workflow_id: `agent-execution-${EXEC}`, requested_at: T0,
    ...overrides,
  },
});

export const dispatched = (attempt = 1, queue = 'default', seconds = 1): ExecutionEvent => ({
  type: 'ExecutionDispatched', data: { execution_id: EXEC, attempt, queue, selection: null, dispatched_at: at(seconds) },
});
export const started = (attempt = 1, seconds = 2, runId = `run-${attempt}`, deadline: string | null = null): ExecutionEvent => ({
  type: 'ExecutionStarted', data: { execution_id: EXEC, attempt, worker_id: 'worker-a', run_id: runId, started_at: at(seconds), deadline },
});
