import { compileCronSchedule } from './cron-schedule';
import { DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from './schedule-policy';
import type { ScheduledJob } from './scheduled-job';
import { decideOverlap, planSlotStep } from './slot-planner';

const t = (iso: string): number => Date.parse(iso);
const everySecond = compileCronSchedule('* * * * * *', 'UTC');
const everyMinute = compileCronSchedule('* * * * *', 'UTC');

function job(overrides: Partial<ScheduledJob> = {}, policy: Partial<SchedulePolicy> = {}): ScheduledJob {
  return {
    jobId: 'job_1', organizationId: 'org-1', deleted: false, running: [],
    definition: { trigger_type: 'cron', cron_schedule: '* * * * * *', cron_timezone: 'UTC', enabled: true },
    policy: { ...DEFAULT_SCHEDULE_POLICY, ...policy },
    activeSinceMs: t('2025-01-01T00:00:00.300Z'), lastHandledSlotMs: null,
    ...overrides,
  };
}

describe('planSlotStep (given a job and the clock, what is due)', () => {
  it('nothing is due before the first slot after activation; it says when to wake up', () =>
    expect(planSlotStep(everySecond, job(), t('2025-01-01T00:00:00.900Z'))).toEqual({ kind: 'idle', nextDueMs: t('2025-01-01T00:00:01Z') }));
  it('a slot at or before activation never runs', () =>
    expect(planSlotStep(everySecond, job({ activeSinceMs: t('2025-01-01T00:00:01Z') }), t('2025-01-01T00:00:01.100Z'))).toEqual({ kind: 'idle', nextDueMs: t('2025-01-01T00:00:02Z') }));
  it('the slot whose time has come is due', () =>
    expect(planSlotStep(everySecond, job(), t('2025-01-01T00:00:01.002Z'))).toEqual({ kind: 'due', slotMs: t('2025-01-01T00:00:01Z') }));
  it('after it is handled, the next one is awaited', () =>
    expect(planSlotStep(everySecond, job({ lastHandledSlotMs: t('2025-01-01T00:00:01Z') }), t('2025-01-01T00:00:01.010Z'))).toEqual({ kind: 'idle', nextDueMs: t('2025-01-01T00:00:02Z') }));
  it('after downtime, a slot just outside the window is missed and the one inside it is due', () => {
    const downtime = job({ lastHandledSlotMs: t('2025-01-01T00:10:00Z') });
    expect(planSlotStep(everyMinute, downtime, t('2025-01-01T00:12:30Z'))).toEqual({ kind: 'missed', firstMs: t('2025-01-01T00:11:00Z'), lastMs: t('2025-01-01T00:11:00Z'), count: 1 });
    expect(planSlotStep(everyMinute, { ...downtime, lastHandledSlotMs: t('2025-01-01T00:11:00Z') }, t('2025-01-01T00:12:30Z'))).toEqual({ kind: 'due', slotMs: t('2025-01-01T00:12:00Z') });
  });
  it('slots older than the window are one missed range', () =>
    expect(planSlotStep(everySecond, job({ lastHandledSlotMs: t('2025-01-01T00:00:10Z') }, { catchupWindowSeconds: 2 }), t('2025-01-01T00:00:15.500Z')))
      .toEqual({ kind: 'missed', firstMs: t('2025-01-01T00:00:11Z'), lastMs: t('2025-01-01T00:00:13Z'), count: 3 }));
  it('a window of 0 runs only a slot that is exactly on time', () =>
    expect(planSlotStep(everySecond, job({ lastHandledSlotMs: t('2025-01-01T00:00:10Z') }, { catchupWindowSeconds: 0 }), t('2025-01-01T00:00:11Z'))).toEqual({ kind: 'due', slotMs: t('2025-01-01T00:00:11Z') }));
  it('a long outage is recorded in bounded chunks', () =>
    expect(planSlotStep(everySecond, job({ lastHandledSlotMs: t('2025-01-01T00:00:00Z') }), t('2025-01-02T00:00:00Z'), 500))
      .toEqual({ kind: 'missed', firstMs: t('2025-01-01T00:00:01Z'), lastMs: t('2025-01-01T00:08:20Z'), count: 500 }));
  it('a later activation (re-enable, schedule change) wins over an older handled slot', () =>
    expect(planSlotStep(everySecond, job({ lastHandledSlotMs: t('2025-01-01T00:00:05Z'), activeSinceMs: t('2025-01-01T00:01:00.500Z') }), t('2025-01-01T00:01:00.600Z'))).toEqual({ kind: 'idle', nextDueMs: t('2025-01-01T00:01:01Z') }));
});

describe('decideOverlap', () => {
  it('with nothing running every policy runs', () => {
    for (const policy of ['allow', 'forbid', 'replace'] as const) expect(decideOverlap(policy, [])).toEqual({ kind: 'run' });
  });
  it('allow runs alongside', () => expect(decideOverlap('allow', ['e1'])).toEqual({ kind: 'run' }));
  it('forbid skips, naming the runs in the way', () => expect(decideOverlap('forbid', ['e1'])).toEqual({ kind: 'skip', blocking: ['e1'] }));
  it('replace cancels the running ones first', () => expect(decideOverlap('replace', ['e1', 'e2'])).toEqual({ kind: 'replace', cancel: ['e1', 'e2'] }));
});
