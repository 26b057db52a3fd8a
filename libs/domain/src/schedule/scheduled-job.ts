import type { ExecutionEvent, JobDefinition, JobEvent, RecordedEvent } from '@cp/contracts';
import { schedulePolicyOf, type SchedulePolicy } from './schedule-policy';

/**
 * What the scheduler knows about one job, folded from the job's events and its executions' events.
 * Instants are epoch milliseconds.
 */
export type ScheduledJob = {
  jobId: string;
  organizationId: string;
  definition: Pick<JobDefinition, 'trigger_type' | 'cron_schedule' | 'cron_timezone' | 'enabled'>;
  deleted: boolean;
  policy: SchedulePolicy;
  /** Slots at or before this instant never run: creation, enabling, or the last change of the schedule. */
  activeSinceMs: number;
  /** The newest slot already run or recorded as skipped (from ExecutionRequested / ScheduledRunSkipped). */
  lastHandledSlotMs: number | null;
  /** Executions of this job that have not ended, oldest first. */
  running: readonly string[];
};

export type SchedulerEvent = RecordedEvent<JobEvent> | RecordedEvent<ExecutionEvent>;

const SCHEDULE_FIELDS = ['trigger_type', 'cron_schedule', 'cron_timezone', 'enabled'] as const;

/** Whether the job has a live cron schedule right now. */
export function isScheduled(job: ScheduledJob | null): job is ScheduledJob {
  return job !== null && !job.deleted && job.definition.enabled && job.definition.trigger_type === 'cron' && !!job.definition.cron_schedule;
}

const at = (event: SchedulerEvent): number => Date.parse(event.metadata.occurredAt);
const later = (a: number | null, b: number): number => (a === null || b > a ? b : a);

/** Folds one event into the job's entry; execution events other than ExecutionRequested must be routed here by the caller. */
export function evolveScheduledJob(job: ScheduledJob | null, event: SchedulerEvent): ScheduledJob | null {
  if (event.type === 'JobCreated') return createdEntry(event);
  if (job === null) return null;
  switch (event.type) {
    case 'JobUpdated': {
      const changes = event.data.changes;
      const scheduleChanged = SCHEDULE_FIELDS.some((field) => changes[field] !== undefined);
      const definition = { ...job.definition, ...pickScheduleFields(changes) };
      const policy = changes.config ? schedulePolicyOf(changes.config) : job.policy;
      return { ...job, definition, policy, activeSinceMs: scheduleChanged ? at(event) : job.activeSinceMs };
    }
    case 'JobEnabled':
      return { ...job, definition: { ...job.definition, enabled: true }, activeSinceMs: at(event) };
    case 'JobDisabled':
      return { ...job, definition: { ...job.definition, enabled: false } };
    case 'JobDeleted':
      return { ...job, deleted: true };
    case 'ScheduledRunSkipped':
      return { ...job, lastHandledSlotMs: later(job.lastHandledSlotMs, Date.parse(event.data.last_scheduled_for)) };
    case 'ExecutionRequested':
      return requested(job, event);
    case 'ExecutionSucceeded':
    case 'ExecutionCancelled':
      return ended(job, event.data.execution_id);
    case 'ExecutionFailed':
    case 'ExecutionTimedOut':
      return event.data.will_retry ? job : ended(job, event.data.execution_id);
    case 'WebhookSecretRotated':
    case 'ExecutionDispatched':
    case 'ExecutionStarted':
    case 'ExecutionOutputLogged':
    case 'ExecutionRetryScheduled':
      return job;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function createdEntry(event: RecordedEvent<Extract<JobEvent, { type: 'JobCreated' }>>): ScheduledJob {
  const { definition } = event.data;
  return {
    jobId: event.data.job_id,
    organizationId: event.data.organization_id,
    definition: pickScheduleFields(definition) as ScheduledJob['definition'],
    deleted: false,
    policy: schedulePolicyOf(definition.config),
    activeSinceMs: at(event),
    lastHandledSlotMs: null,
    running: [],
  };
}

function requested(job: ScheduledJob, event: RecordedEvent<Extract<ExecutionEvent, { type: 'ExecutionRequested' }>>): ScheduledJob {
  const { execution_id, source, scheduled_for } = event.data;
  const running = job.running.includes(execution_id) ? job.running : [...job.running, execution_id];
  const lastHandledSlotMs = source === 'cron' && scheduled_for ? later(job.lastHandledSlotMs, Date.parse(scheduled_for)) : job.lastHandledSlotMs;
  return { ...job, running, lastHandledSlotMs };
}

function ended(job: ScheduledJob, executionId: string): ScheduledJob {
  return job.running.includes(executionId) ? { ...job, running: job.running.filter((id) => id !== executionId) } : job;
}

function pickScheduleFields(source: Partial<JobDefinition>): Partial<ScheduledJob['definition']> {
  const picked: Partial<ScheduledJob['definition']> = {};
  for (const field of SCHEDULE_FIELDS) if (source[field] !== undefined) (picked as Record<string, unknown>)[field] = source[field];
  return picked;
}
