import type { CronSchedule } from './cron-schedule';
import type { ConcurrencyPolicy } from './schedule-policy';
import type { ScheduledJob } from './scheduled-job';

/**
 * The scheduler's next step for one job at `nowMs` (pure; the clock comes in as an argument):
 * - `idle`: nothing is due; wake up at `nextDueMs` (null: the expression has no further slot);
 * - `missed`: slots older than the catch-up window, to be recorded as skipped (at most `maxMissed` per step);
 * - `due`: the oldest slot still inside the window, to be run now.
 * Call again after acting on `missed` or `due` (the job's lastHandledSlotMs has then moved on).
 */
export type SlotStep =
  | { kind: 'idle'; nextDueMs: number | null }
  | { kind: 'missed'; firstMs: number; lastMs: number; count: number }
  | { kind: 'due'; slotMs: number };

export const MAX_MISSED_PER_RECORD = 1000;

/** Slots strictly after this instant are still to be handled. */
export function handledUntil(job: ScheduledJob): number {
  return job.lastHandledSlotMs === null ? job.activeSinceMs : Math.max(job.lastHandledSlotMs, job.activeSinceMs);
}

export function planSlotStep(schedule: CronSchedule, job: ScheduledJob, nowMs: number, maxMissed = MAX_MISSED_PER_RECORD): SlotStep {
  const first = schedule.nextAfter(handledUntil(job));
  if (first === null || first > nowMs) return { kind: 'idle', nextDueMs: first };
  const windowMs = job.policy.catchupWindowSeconds * 1000;
  if (nowMs - first <= windowMs) return { kind: 'due', slotMs: first };
  let last = first;
  let count = 1;
  while (count < maxMissed) {
    const next = schedule.nextAfter(last);
    if (next === null || nowMs - next <= windowMs) break;
    last = next;
    count++;
  }
  return { kind: 'missed', firstMs: first, lastMs: last, count };
}

/** What the overlap policy says about a due slot, given the job's runs that have not ended. */
export type OverlapDecision = { kind: 'run' } | { kind: 'skip'; blocking: string[] } | { kind: 'replace'; cancel: string[] };

export function decideOverlap(policy: ConcurrencyPolicy, running: readonly string[]): OverlapDecision {
  if (running.length === 0) return { kind: 'run' };
  switch (policy) {
    case 'allow':
      return { kind: 'run' };
    case 'forbid':
      return { kind: 'skip', blocking: [...running] };
    case 'replace':
      return { kind: 'replace', cancel: [...running] };
    default: {
      const unreachable: never = policy;
      return unreachable;
    }
  }
}
