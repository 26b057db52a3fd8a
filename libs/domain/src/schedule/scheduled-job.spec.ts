import type { JobDefinition, RecordedEvent } from '@cp/contracts';
import { evolveScheduledJob, isScheduled, type ScheduledJob, type SchedulerEvent } from './scheduled-job';

const JOB = 'job_1';
let revision = 0;

function recorded(type: string, data: Record<string, unknown>, occurredAt: string, streamId = `job-${JOB}`): SchedulerEvent {
  const event: RecordedEvent = {
    type, data, id: `e-${revision}`, streamId, revision: revision++, position: String(revision), recordedAt: occurredAt,
    metadata: { organizationId: 'org-1', actor: { id: 'u', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt },
  };
  return event as SchedulerEvent;
}

const definition = (overrides: Partial<JobDefinition> = {}): JobDefinition => ({
  name: 'n', description: null, enabled: true, trigger_type: 'cron', cron_schedule: '* * * * * *', cron_timezone: 'UTC',
  planning_mode: 'on_the_fly', entity_type: null, entity_id: null, entity_name: null, prompt_template: 'p', system_prompt: null,
  executor_type: 'auto', worker_queue_name: null, environment_name: null, config: {}, execution_environment: null, ...overrides,
});
const created = (overrides: Partial<JobDefinition> = {}) => recorded('JobCreated', { job_id: JOB, organization_id: 'org-1', definition: definition(overrides), webhook: null }, '2025-01-01T00:00:00.000Z');
const requested = (id: string, source: string, scheduledFor: string | null, at = '2025-01-01T00:00:02.010Z') =>
  recorded('ExecutionRequested', { execution_id: id, job_id: JOB, source, scheduled_for: scheduledFor }, at, `execution-${id}`);

function given(...events: SchedulerEvent[]): ScheduledJob | null {
  return events.reduce<ScheduledJob | null>(evolveScheduledJob, null);
}

describe('scheduled job (given events, then the scheduler knows)', () => {
  it('a created cron job is scheduled from its creation', () => {
    const job = given(created());
    expect(isScheduled(job)).toBe(true);
    expect(job).toMatchObject({ activeSinceMs: Date.parse('2025-01-01T00:00:00Z'), lastHandledSlotMs: null, policy: { concurrencyPolicy: 'allow', catchupWindowSeconds: 60 } });
  });
  it('a manual job or a disabled job is not scheduled', () => {
    expect(isScheduled(given(created({ trigger_type: 'manual', cron_schedule: null })))).toBe(false);
    expect(isScheduled(given(created({ enabled: false })))).toBe(false);
  });
  it('the policy comes from config', () =>
    expect(given(created({ config: { concurrency_policy: 'forbid', catchup_window_seconds: 5 } }))?.policy).toEqual({ concurrencyPolicy: 'forbid', catchupWindowSeconds: 5 }));
  it('disabling stops it; enabling resumes from the enabling instant (no backfill)', () => {
    const disabled = given(created(), recorded('JobDisabled', { job_id: JOB }, '2025-01-01T00:01:00Z'));
    expect(isScheduled(disabled)).toBe(false);
    const enabled = evolveScheduledJob(disabled, recorded('JobEnabled', { job_id: JOB }, '2025-01-01T00:05:00Z'));
    expect(isScheduled(enabled)).toBe(true);
    expect(enabled?.activeSinceMs).toBe(Date.parse('2025-01-01T00:05:00Z'));
  });
  it('a schedule change restarts from the change; a rename does not', () => {
    const renamed = given(created(), recorded('JobUpdated', { job_id: JOB, changes: { name: 'x' } }, '2025-01-01T00:02:00Z'));
    expect(renamed?.activeSinceMs).toBe(Date.parse('2025-01-01T00:00:00Z'));
    const changed = evolveScheduledJob(renamed, recorded('JobUpdated', { job_id: JOB, changes: { cron_schedule: '*/2 * * * * *' } }, '2025-01-01T00:03:00Z'));
    expect(changed).toMatchObject({ activeSinceMs: Date.parse('2025-01-01T00:03:00Z'), definition: { cron_schedule: '*/2 * * * * *' } });
  });
  it('a deleted job is not scheduled', () => expect(isScheduled(given(created(), recorded('JobDeleted', { job_id: JOB }, '2025-01-01T00:01:00Z')))).toBe(false));
  it('a cron run marks its slot handled and is running until it ends', () => {
    const job = given(created(), requested('x1', 'cron', '2025-01-01T00:00:02.000Z'));
    expect(job).toMatchObject({ lastHandledSlotMs: Date.parse('2025-01-01T00:00:02Z'), running: ['x1'] });
    expect(evolveScheduledJob(job, recorded('ExecutionSucceeded', { execution_id: 'x1' }, '2025-01-01T00:00:03Z', 'execution-x1'))?.running).toEqual([]);
  });
  it('a catch-up run of an older slot never moves the handled slot back', () =>
    expect(given(created(), requested('x2', 'cron', '2025-01-01T00:00:05.000Z'), requested('x1', 'cron', '2025-01-01T00:00:03.000Z'))?.lastHandledSlotMs).toBe(Date.parse('2025-01-01T00:00:05Z')));
  it('a manual run counts as running but handles no slot', () =>
    expect(given(created(), requested('m1', 'manual', null))).toMatchObject({ lastHandledSlotMs: null, running: ['m1'] }));
  it('a failure that will be retried keeps the run going; a final one ends it', () => {
    const job = given(created(), requested('x1', 'cron', '2025-01-01T00:00:02.000Z'));
    const retrying = evolveScheduledJob(job, recorded('ExecutionFailed', { execution_id: 'x1', will_retry: true }, '2025-01-01T00:00:03Z', 'execution-x1'));
    expect(retrying?.running).toEqual(['x1']);
    expect(evolveScheduledJob(retrying, recorded('ExecutionTimedOut', { execution_id: 'x1', will_retry: false }, '2025-01-01T00:00:04Z', 'execution-x1'))?.running).toEqual([]);
  });
  it('a skip record marks its last slot handled', () =>
    expect(given(created(), recorded('ScheduledRunSkipped', { job_id: JOB, reason: 'misfire', scheduled_for: '2025-01-01T00:00:01.000Z', last_scheduled_for: '2025-01-01T00:00:09.000Z', slot_count: 9, blocking_execution_ids: [], detail: null }, '2025-01-01T00:00:20Z'))?.lastHandledSlotMs)
      .toBe(Date.parse('2025-01-01T00:00:09Z')));
  it('events of a job it never saw created are ignored', () => expect(given(recorded('JobEnabled', { job_id: JOB }, '2025-01-01T00:00:00Z'))).toBeNull());
});
