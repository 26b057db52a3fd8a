import type { ScheduledRunSkipped, ScheduledRunSkipReason } from '@cp/contracts';
import type { ScheduledJob } from './scheduled-job';

export type RecordSkip = {
  jobId: string;
  reason: ScheduledRunSkipReason;
  firstSlotMs: number;
  lastSlotMs: number;
  slotCount: number;
  blockingExecutionIds: string[];
  detail: string | null;
};

/**
 * Decides the skip record for the job stream from the scheduler's own fold of it: nothing for a job that no longer
 * exists (deleting a job ends its schedule).
 */
export function decideRecordSkip(skip: RecordSkip, job: ScheduledJob | null): ScheduledRunSkipped[] {
  if (job === null || job.deleted) return [];
  return [{
    type: 'ScheduledRunSkipped',
    data: {
      job_id: skip.jobId,
      reason: skip.reason,
      scheduled_for: new Date(skip.firstSlotMs).toISOString(),
      last_scheduled_for: new Date(skip.lastSlotMs).toISOString(),
      slot_count: skip.slotCount,
      blocking_execution_ids: skip.blockingExecutionIds,
      detail: skip.detail,
    },
  }];
}
