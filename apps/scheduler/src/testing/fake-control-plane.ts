import type { RecordSkip, ScheduledJob } from '@cp/domain';
import type { CancelOutcome, SlotActions, TriggerOutcome } from '../slot-actions';
import type { Clock } from '../timer/clock';

export type FiredRun = { executionId: string; jobId: string; slotMs: number; firedAt: number };

/**
 * In-memory stand-in for the jobs service, the executor and the event store, with the same guarantees the real
 * ones give the scheduler: a slot's execution id starts one run however often it is triggered, and a skip record
 * with the same job, reason and first slot is stored once.
 */
export class FakeControlPlane implements SlotActions {
  readonly runs = new Map<string, FiredRun>();
  readonly triggerAttempts: string[] = [];
  readonly skips: RecordSkip[] = [];
  readonly cancels: string[] = [];
  available = true;
  rejectWith: { code: string; detail: string } | null = null;

  constructor(private readonly clock: Clock) {}

  async trigger(job: ScheduledJob, slotMs: number, executionId: string): Promise<TriggerOutcome> {
    this.triggerAttempts.push(executionId);
    if (!this.available) return { kind: 'unavailable', detail: 'jobs service is unavailable' };
    if (this.rejectWith) return { kind: 'rejected', ...this.rejectWith };
    const duplicate = this.runs.has(executionId);
    if (!duplicate) this.runs.set(executionId, { executionId, jobId: job.jobId, slotMs, firedAt: this.clock.now() });
    return { kind: 'started', executionId, duplicate };
  }

  async cancel(_job: ScheduledJob, executionId: string): Promise<CancelOutcome> {
    if (!this.available) return { kind: 'unavailable', detail: 'executor is unavailable' };
    this.cancels.push(executionId);
    return { kind: 'done' };
  }

  async recordSkip(_job: ScheduledJob, skip: RecordSkip): Promise<number> {
    const stored = this.skips.find((s) => s.jobId === skip.jobId && s.reason === skip.reason && s.firstSlotMs === skip.firstSlotMs);
    if (stored) return stored.lastSlotMs;
    this.skips.push(skip);
    return skip.lastSlotMs;
  }

  /** Slots (ISO) that started a run, in slot order. */
  firedSlots(jobId?: string): string[] {
    return [...this.runs.values()].filter((run) => !jobId || run.jobId === jobId).sort((a, b) => a.slotMs - b.slotMs).map((run) => new Date(run.slotMs).toISOString());
  }
}
