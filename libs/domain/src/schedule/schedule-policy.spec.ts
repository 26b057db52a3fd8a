import type { ScheduledJob } from './scheduled-job';
import { decideRecordSkip } from './record-skip';
import { schedulePolicyIssues, schedulePolicyOf } from './schedule-policy';

describe('schedule policy from job config', () => {
  it('defaults to allow and a 60 s catch-up window', () => expect(schedulePolicyOf({})).toEqual({ concurrencyPolicy: 'allow', catchupWindowSeconds: 60 }));
  it('reads both keys', () => expect(schedulePolicyOf({ concurrency_policy: 'replace', catchup_window_seconds: 0 })).toEqual({ concurrencyPolicy: 'replace', catchupWindowSeconds: 0 }));
  it('rejects an unknown policy and a negative window with 422 issues', () => {
    const issues = schedulePolicyIssues({ concurrency_policy: 'queue', catchup_window_seconds: -1 });
    expect(issues.map((i) => i.loc.join('.'))).toEqual(['body.config.concurrency_policy', 'body.config.catchup_window_seconds']);
    expect(issues[0].msg).toMatch(/'allow', 'forbid', 'replace'/);
  });
  it('accepts valid values', () => expect(schedulePolicyIssues({ concurrency_policy: 'forbid', catchup_window_seconds: 30 })).toEqual([]));
});

describe('decideRecordSkip', () => {
  const skip = { jobId: 'job_1', reason: 'overlap_forbid' as const, firstSlotMs: Date.UTC(2025, 0, 1), lastSlotMs: Date.UTC(2025, 0, 1), slotCount: 1, blockingExecutionIds: ['e1'], detail: null };
  const live = { jobId: 'job_1', deleted: false } as ScheduledJob;
  it('records the skipped slot on a live job', () =>
    expect(decideRecordSkip(skip, live)).toEqual([{ type: 'ScheduledRunSkipped', data: { job_id: 'job_1', reason: 'overlap_forbid', scheduled_for: '2025-01-01T00:00:00.000Z', last_scheduled_for: '2025-01-01T00:00:00.000Z', slot_count: 1, blocking_execution_ids: ['e1'], detail: null } }]));
  it('records nothing for a deleted or unknown job', () => {
    expect(decideRecordSkip(skip, { ...live, deleted: true })).toEqual([]);
    expect(decideRecordSkip(skip, null)).toEqual([]);
  });
});
