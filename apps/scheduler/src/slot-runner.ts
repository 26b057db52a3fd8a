import { cronSlotExecutionId, decideOverlap, isScheduled, planSlotStep, type RecordSkip, type ScheduledJob, type SlotStep } from '@cp/domain';
import type { ScheduleBook } from './schedule-book';
import { Semaphore } from './semaphore';
import type { SlotActions } from './slot-actions';
import type { Clock } from './timer/clock';
import { TimerWheel } from './timer/timer-wheel';

export type SchedulerLogger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export type SlotRunnerOptions = {
  /** Trigger, cancel and record calls in flight at once, over all jobs (a shared minute boundary fires thousands). */
  maxInFlight: number;
  /** First delay before retrying a job whose trigger could not be delivered; doubles up to maxRetryDelayMs. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
};

export const DEFAULT_SLOT_RUNNER_OPTIONS: SlotRunnerOptions = { maxInFlight: 256, retryDelayMs: 250, maxRetryDelayMs: 5000 };

/**
 * Drives each cron job from slot to slot: asks the pure planner what is due, acts (trigger, cancel, record a skip),
 * then arms the job's timer for its next slot. One job is handled by one loop at a time; jobs run concurrently.
 */
export class SlotRunner {
  readonly wheel: TimerWheel;
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limit: Semaphore;
  private stopped = false;

  constructor(
    private readonly book: ScheduleBook,
    private readonly clock: Clock,
    private readonly actions: SlotActions,
    private readonly logger: SchedulerLogger,
    private readonly options: SlotRunnerOptions = DEFAULT_SLOT_RUNNER_OPTIONS,
  ) {
    this.limit = new Semaphore(options.maxInFlight);
    this.wheel = new TimerWheel(clock, (jobIds) => jobIds.forEach((jobId) => this.process(jobId)));
  }

  processAll(): void {
    for (const jobId of this.book.scheduledJobIds()) this.process(jobId);
  }

  /** (Re)plans one job now; a job already being handled is looked at again right after. */
  process(jobId: string): void {
    if (this.stopped) return;
    if (this.busy.has(jobId)) {
      this.again.add(jobId);
      return;
    }
    const run = this.drain(jobId).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Resolves when no job is being handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wheel.stop();
    await this.idle();
  }

  private async drain(jobId: string): Promise<void> {
    this.busy.add(jobId);
    try {
      await this.advance(jobId);
    } catch (error) {
      this.logger.error('scheduling a job failed; retrying', { job_id: jobId, error: describe(error) });
      this.retryLater(jobId);
    } finally {
      this.busy.delete(jobId);
      if (this.again.delete(jobId)) this.process(jobId);
    }
  }

  private async advance(jobId: string): Promise<void> {
    for (;;) {
      const job = this.book.get(jobId);
      if (this.stopped || !isScheduled(job)) return this.wheel.cancel(jobId);
      const step: SlotStep = planSlotStep(this.book.scheduleOf(job), job, this.clock.now());
      if (step.kind === 'idle') return step.nextDueMs === null ? this.wheel.cancel(jobId) : this.wheel.schedule(jobId, step.nextDueMs);
      if (step.kind === 'missed') {
        this.logger.warn('cron slots missed beyond the catch-up window; recorded as skipped', { job_id: jobId, first: iso(step.firstMs), last: iso(step.lastMs), count: step.count });
        await this.skip(job, { reason: 'misfire', firstSlotMs: step.firstMs, lastSlotMs: step.lastMs, slotCount: step.count, blockingExecutionIds: [], detail: null });
      } else if (!(await this.runSlot(job, step.slotMs))) {
        return;
      }
    }
  }

  /** Returns false when the slot must be tried again later (its timer is then armed for the retry). */
  private async runSlot(job: ScheduledJob, slotMs: number): Promise<boolean> {
    const overlap = decideOverlap(job.policy.concurrencyPolicy, job.running);
    if (overlap.kind === 'skip') {
      await this.skip(job, { reason: 'overlap_forbid', firstSlotMs: slotMs, lastSlotMs: slotMs, slotCount: 1, blockingExecutionIds: overlap.blocking, detail: null });
      return true;
    }
    if (overlap.kind === 'replace' && !(await this.cancelAll(job, overlap.cancel, slotMs))) return false;
    const outcome = await this.limit.run(() => this.actions.trigger(job, slotMs, cronSlotExecutionId(job.jobId, slotMs)));
    switch (outcome.kind) {
      case 'started':
        this.failures.delete(job.jobId);
        this.book.noteRunning(job.jobId, outcome.executionId);
        this.book.markHandled(job.jobId, slotMs);
        this.logger.debug('cron slot fired', { job_id: job.jobId, slot: iso(slotMs), lateness_ms: this.clock.now() - slotMs, duplicate: outcome.duplicate });
        return true;
      case 'unavailable':
        this.logger.warn('trigger not delivered; retrying', { job_id: job.jobId, slot: iso(slotMs), detail: outcome.detail });
        this.retryLater(job.jobId);
        return false;
      case 'rejected':
        // A job disabled or deleted meanwhile simply has no schedule any more; anything else is recorded.
        if (isScheduled(this.book.get(job.jobId))) {
          await this.skip(job, { reason: 'trigger_rejected', firstSlotMs: slotMs, lastSlotMs: slotMs, slotCount: 1, blockingExecutionIds: [], detail: `${outcome.code}: ${outcome.detail}` });
        }
        return true;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }

  private async cancelAll(job: ScheduledJob, executionIds: string[], slotMs: number): Promise<boolean> {
    for (const executionId of executionIds) {
      const outcome = await this.limit.run(() => this.actions.cancel(job, executionId, slotMs));
      if (outcome.kind === 'unavailable') {
        this.logger.warn('cancel for concurrency_policy replace not delivered; retrying', { job_id: job.jobId, execution_id: executionId, detail: outcome.detail });
        this.retryLater(job.jobId);
        return false;
      }
    }
    return true;
  }

  private async skip(job: ScheduledJob, skip: Omit<RecordSkip, 'jobId'>): Promise<void> {
    const lastSlotMs = await this.limit.run(() => this.actions.recordSkip(job, { jobId: job.jobId, ...skip }));
    this.book.markHandled(job.jobId, lastSlotMs);
  }

  private retryLater(jobId: string): void {
    const failures = (this.failures.get(jobId) ?? 0) + 1;
    this.failures.set(jobId, failures);
    const delay = Math.min(this.options.retryDelayMs * 2 ** (failures - 1), this.options.maxRetryDelayMs);
    this.wheel.schedule(jobId, this.clock.now() + delay);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
