import type { RecordedEvent } from '@cp/contracts';
import type { JobRow } from '../entities';
import { nextExecutionAt } from './schedule.projection';

const row = (overrides: Partial<JobRow> = {}): JobRow =>
  ({ id: 'job_1', enabled: true, trigger_type: 'cron', cron_schedule: '0 9 * * *', cron_timezone: 'America/New_York', deleted_at: null, next_execution_at: null, ...overrides }) as JobRow;

function event(type: string, data: Record<string, unknown>, occurredAt = '2025-06-01T12:00:00.000Z'): RecordedEvent {
  return { type, data: { job_id: 'job_1', ...data }, id: 'e', streamId: 's', revision: 1, position: '1', recordedAt: occurredAt, metadata: { organizationId: 'o', actor: { id: 'u', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt } };
}
const next = (r: JobRow, e: RecordedEvent) => nextExecutionAt(r, e as never);

describe('next_execution_at', () => {
  it('a new cron job shows its first slot in its time zone', () => expect(next(row(), event('JobCreated', {}))).toEqual(new Date('2025-06-01T13:00:00.000Z')));
  it('is null for a disabled, manual or deleted job', () => {
    expect(next(row({ enabled: false }), event('JobDisabled', {}))).toBeNull();
    expect(next(row({ trigger_type: 'manual', cron_schedule: null }), event('JobUpdated', { changes: { trigger_type: 'manual' } }))).toBeNull();
    expect(next(row({ deleted_at: new Date() }), event('JobDeleted', {}))).toBeNull();
  });
  it('a cron run moves it past its slot', () =>
    expect(next(row({ next_execution_at: new Date('2025-06-02T13:00:00Z') }), event('ExecutionRequested', { source: 'cron', scheduled_for: '2025-06-02T13:00:00.000Z' }))).toEqual(new Date('2025-06-03T13:00:00.000Z')));
  it('a late catch-up of an older slot never moves it back', () =>
    expect(next(row({ next_execution_at: new Date('2025-06-04T13:00:00Z') }), event('ExecutionRequested', { source: 'cron', scheduled_for: '2025-06-02T13:00:00.000Z' }))).toEqual(new Date('2025-06-04T13:00:00Z')));
  it('a manual run leaves it alone', () => expect(next(row({ next_execution_at: new Date('2025-06-02T13:00:00Z') }), event('ExecutionRequested', { source: 'manual', scheduled_for: null }))).toBeUndefined());
  it('a skip record moves it past the last skipped slot', () =>
    expect(next(row(), event('ScheduledRunSkipped', { last_scheduled_for: '2025-06-05T13:00:00.000Z' }))).toEqual(new Date('2025-06-06T13:00:00.000Z')));
  it('a schedule change recomputes from the change; a rename keeps it', () => {
    expect(next(row({ cron_schedule: '*/5 * * * *', next_execution_at: new Date('2025-06-02T13:00:00Z') }), event('JobUpdated', { changes: { cron_schedule: '*/5 * * * *' } }, '2025-06-01T12:01:00.000Z'))).toEqual(new Date('2025-06-01T12:05:00.000Z'));
    expect(next(row({ next_execution_at: new Date('2025-06-02T13:00:00Z') }), event('JobUpdated', { changes: { name: 'x' } }))).toBeUndefined();
  });
  it('re-enabling counts from the enabling instant', () => expect(next(row(), event('JobEnabled', {}, '2025-06-10T14:00:00.000Z'))).toEqual(new Date('2025-06-11T13:00:00.000Z')));
});
