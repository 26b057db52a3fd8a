import { EXECUTION_EVENT_TYPES, JOB_EVENT_TYPES, type RecordedEvent } from '@cp/contracts';
import { compileCronSchedule, evolveScheduledJob, isScheduled, type CronSchedule, type ScheduledJob, type SchedulerEvent } from '@cp/domain';

const JOB_TYPES = new Set<string>(JOB_EVENT_TYPES);
const EXECUTION_TYPES = new Set<string>(EXECUTION_EVENT_TYPES);

/**
 * The scheduler's in-memory fold of job and execution events: one ScheduledJob per job, the job of every execution
 * still running, and each job's compiled cron expression. Rebuilt from the event store on start.
 */
export class ScheduleBook {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly runningExecutions = new Map<string, string>();
  private readonly compiled = new Map<string, { key: string; schedule: CronSchedule }>();

  /** Applies one event; returns the job id when a job-stream event changed that job (its timer needs a new plan). */
  apply(event: RecordedEvent): string | null {
    if (JOB_TYPES.has(event.type)) return this.applyJobEvent(event as SchedulerEvent);
    if (EXECUTION_TYPES.has(event.type)) this.applyExecutionEvent(event as SchedulerEvent);
    return null;
  }

  get(jobId: string): ScheduledJob | null {
    return this.jobs.get(jobId) ?? null;
  }

  scheduledJobIds(): string[] {
    return [...this.jobs.values()].filter(isScheduled).map((job) => job.jobId);
  }

  /** The job's compiled schedule (cached until its expression or zone changes). */
  scheduleOf(job: ScheduledJob): CronSchedule {
    const expression = job.definition.cron_schedule ?? '';
    const timeZone = job.definition.cron_timezone ?? 'UTC';
    const key = `${timeZone} ${expression}`;
    const cached = this.compiled.get(job.jobId);
    if (cached?.key === key) return cached.schedule;
    const schedule = compileCronSchedule(expression, timeZone, job.jobId);
    this.compiled.set(job.jobId, { key, schedule });
    return schedule;
  }

  /** What this process did before the event comes back: a slot run or recorded, a run started or cancelled. */
  markHandled(jobId: string, slotMs: number): void {
    const job = this.jobs.get(jobId);
    if (job && (job.lastHandledSlotMs === null || slotMs > job.lastHandledSlotMs)) this.jobs.set(jobId, { ...job, lastHandledSlotMs: slotMs });
  }

  noteRunning(jobId: string, executionId: string): void {
    const job = this.jobs.get(jobId);
    if (!job || job.running.includes(executionId)) return;
    this.jobs.set(jobId, { ...job, running: [...job.running, executionId] });
    this.runningExecutions.set(executionId, jobId);
  }

  get size(): { jobs: number; scheduled: number; running: number } {
    return { jobs: this.jobs.size, scheduled: this.scheduledJobIds().length, running: this.runningExecutions.size };
  }

  private applyJobEvent(event: SchedulerEvent): string | null {
    const jobId = (event.data as { job_id: string }).job_id;
    const before = this.jobs.get(jobId) ?? null;
    const after = evolveScheduledJob(before, event);
    if (after === before || after === null) return null;
    if (after.deleted) {
      this.forget(after);
      return jobId;
    }
    this.jobs.set(jobId, after);
    return jobId;
  }

  private applyExecutionEvent(event: SchedulerEvent): void {
    const data = event.data as { execution_id: string; job_id?: string };
    const jobId = event.type === 'ExecutionRequested' ? data.job_id : this.runningExecutions.get(data.execution_id);
    const before = jobId ? this.jobs.get(jobId) : undefined;
    if (!jobId || !before) return;
    const after = evolveScheduledJob(before, event) as ScheduledJob;
    this.jobs.set(jobId, after);
    if (after.running.includes(data.execution_id)) this.runningExecutions.set(data.execution_id, jobId);
    else this.runningExecutions.delete(data.execution_id);
  }

  private forget(job: ScheduledJob): void {
    this.jobs.delete(job.jobId);
    this.compiled.delete(job.jobId);
    for (const executionId of job.running) this.runningExecutions.delete(executionId);
  }
}
