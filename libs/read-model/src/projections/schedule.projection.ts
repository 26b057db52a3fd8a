import type { EntityManager } from 'typeorm';
import type { ExecutionRequested, JobEvent, RecordedEvent, ScheduledRunSkipped } from '@cp/contracts';
import { compileCronSchedule } from '@cp/domain';
import { JobRow } from '../entities';
import type { Projection } from '../projection';

type ScheduleEvent = RecordedEvent<JobEvent> | RecordedEvent<ExecutionRequested>;

const SCHEDULE_FIELDS = ['trigger_type', 'cron_schedule', 'cron_timezone', 'enabled'];

/**
 * Keeps `jobs.next_execution_at` (issue 5): the next slot of an enabled cron job, null otherwise. A definition change
 * counts slots from the change; a cron run or a skip record moves it past that slot. Registered after the jobs
 * projection, so the row already reflects the job event. Deterministic per event, hence idempotent on replay.
 */
export const scheduleProjection: Projection = {
  name: 'schedule',
  handles: ['JobCreated', 'JobUpdated', 'JobEnabled', 'JobDisabled', 'JobDeleted', 'ScheduledRunSkipped', 'ExecutionRequested'],
  apply: (event, manager) => applyScheduleEvent(event as ScheduleEvent, manager),
};

async function applyScheduleEvent(event: ScheduleEvent, manager: EntityManager): Promise<void> {
  const jobs = manager.getRepository(JobRow);
  const row = await jobs.findOneBy({ id: event.data.job_id });
  if (!row) return;
  const next = nextExecutionAt(row, event);
  if (next === undefined || sameInstant(next, row.next_execution_at)) return;
  await jobs.update({ id: row.id }, { next_execution_at: next });
}

/** The new value, or undefined to leave the column as it is. */
export function nextExecutionAt(row: JobRow, event: ScheduleEvent): Date | null | undefined {
  if (row.deleted_at || !row.enabled || row.trigger_type !== 'cron' || !row.cron_schedule) return null;
  switch (event.type) {
    case 'ExecutionRequested':
      return event.data.source === 'cron' && event.data.scheduled_for ? movedPast(row, Date.parse(event.data.scheduled_for)) : undefined;
    case 'ScheduledRunSkipped':
      return movedPast(row, Date.parse((event as RecordedEvent<ScheduledRunSkipped>).data.last_scheduled_for));
    case 'JobUpdated':
      if (row.next_execution_at && !SCHEDULE_FIELDS.some((field) => field in event.data.changes)) return undefined;
      return slotAfter(row, Date.parse(event.metadata.occurredAt));
    case 'WebhookSecretRotated':
      return undefined;
    default:
      return slotAfter(row, Date.parse(event.metadata.occurredAt));
  }
}

/** After a handled slot the next one is the slot after it, never earlier than what is already shown. */
function movedPast(row: JobRow, slotMs: number): Date | null {
  const candidate = slotAfter(row, slotMs);
  if (candidate && row.next_execution_at && row.next_execution_at > candidate) return row.next_execution_at;
  return candidate;
}

function slotAfter(row: JobRow, afterMs: number): Date | null {
  try {
    const next = compileCronSchedule(row.cron_schedule as string, row.cron_timezone ?? 'UTC', row.id).nextAfter(afterMs);
    return next === null ? null : new Date(next);
  } catch {
    // A definition the decider accepted always parses; an unparsable legacy value shows no next run.
    return null;
  }
}

const sameInstant = (a: Date | null, b: Date | null): boolean => (a === null || b === null ? a === b : a.getTime() === b.getTime());
