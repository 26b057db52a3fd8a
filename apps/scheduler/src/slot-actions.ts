import type { RecordSkip, ScheduledJob } from '@cp/domain';

export type TriggerOutcome =
  | { kind: 'started'; executionId: string; duplicate: boolean }
  /** The jobs service did not answer: try again (the slot's id keeps a late retry exactly-once). */
  | { kind: 'unavailable'; detail: string }
  /** The jobs service refused the run for good (validation, job state). */
  | { kind: 'rejected'; code: string; detail: string };

export type CancelOutcome = { kind: 'done' } | { kind: 'unavailable'; detail: string };

/** The scheduler's side effects, behind one port so the runner can be specified with an in-memory double. */
export type SlotActions = {
  trigger(job: ScheduledJob, slotMs: number, executionId: string): Promise<TriggerOutcome>;
  cancel(job: ScheduledJob, executionId: string, slotMs: number): Promise<CancelOutcome>;
  /** Appends the skip record (idempotent per job, reason and first slot); returns the last slot the stored record covers. */
  recordSkip(job: ScheduledJob, skip: RecordSkip): Promise<number>;
};

export const SLOT_ACTIONS = Symbol('SLOT_ACTIONS');
