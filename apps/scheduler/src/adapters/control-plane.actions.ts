import type { NatsConnection } from 'nats';
import {
  EXECUTOR_SERVICE, JOBS_SERVICE, jobStreamId, type CommandReply, type DomainError, type ExecutorServiceRequests, type RequestContext,
  type Subjects, type TriggerJobRequest, type TriggerJobResult,
} from '@cp/contracts';
import { decideRecordSkip, scheduledRunSkippedEventId, type RecordSkip, type ScheduledJob } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { sendCommand } from '@cp/messaging';
import type { CancelOutcome, SlotActions, TriggerOutcome } from '../slot-actions';

/** Who the audit trail names for cron runs and skip records. */
export const SCHEDULER_ACTOR = { id: 'system:scheduler', email: null };

const TIMEOUT_MS = 10_000;

/**
 * The real side effects: `cmd.jobs.trigger` (source cron, deterministic execution id), `cmd.executor.cancel`, and
 * skip records appended to the job stream with a deterministic event id (the store returns the first append again).
 */
export class ControlPlaneActions implements SlotActions {
  constructor(
    private readonly nats: NatsConnection,
    private readonly subjects: Subjects,
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  async trigger(job: ScheduledJob, slotMs: number, executionId: string): Promise<TriggerOutcome> {
    const slot = new Date(slotMs).toISOString();
    const request: TriggerJobRequest = {
      context: this.context(job, executionId),
      job_id: job.jobId,
      parameters: {},
      config_override: null,
      source: 'cron',
      execution_id: executionId,
      scheduled_for: slot,
      trigger_metadata: { scheduled_for: slot, cron_schedule: job.definition.cron_schedule, cron_timezone: job.definition.cron_timezone ?? 'UTC' },
      causation_id: null,
    };
    const reply = await this.send<TriggerJobResult>(JOBS_SERVICE, 'trigger', request, executionId);
    if (reply.ok) return { kind: 'started', executionId: reply.result.execution_id, duplicate: reply.result.duplicate };
    return failure(reply.error);
  }

  async cancel(job: ScheduledJob, executionId: string, slotMs: number): Promise<CancelOutcome> {
    const request: ExecutorServiceRequests['cancel'] = {
      context: this.context(job, executionId),
      job_id: job.jobId,
      execution_id: executionId,
      reason: `Replaced by the cron run of ${new Date(slotMs).toISOString()} (concurrency_policy replace)`,
    };
    const reply = await this.send(EXECUTOR_SERVICE, 'cancel', request, executionId);
    if (reply.ok) return { kind: 'done' };
    const outcome = failure(reply.error);
    // Already finished (conflict) or gone (not_found): nothing left to replace.
    return outcome.kind === 'unavailable' ? outcome : { kind: 'done' };
  }

  async recordSkip(job: ScheduledJob, skip: RecordSkip): Promise<number> {
    const events = decideRecordSkip(skip, job);
    if (events.length === 0) return skip.lastSlotMs;
    const eventId = scheduledRunSkippedEventId(skip.jobId, skip.reason, skip.firstSlotMs);
    const metadata = { organizationId: job.organizationId, actor: SCHEDULER_ACTOR, correlationId: eventId, causationId: null, schemaVersion: 1, occurredAt: new Date(this.now()).toISOString() };
    const streamId = jobStreamId(skip.jobId);
    // 'any': the decision rests on the scheduler's fold, not on the stream revision; the fixed event id makes a
    // second replica's append return the first one instead of adding a duplicate.
    await this.store.append(streamId, events.map((event) => ({ id: eventId, type: event.type, data: event.data, metadata })), 'any');
    return (await this.storedLastSlot(streamId, eventId)) ?? skip.lastSlotMs;
  }

  /** Another replica may have recorded the same first slot with a different range; its record is the one that counts. */
  private async storedLastSlot(streamId: string, eventId: string): Promise<number | null> {
    const recent = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 50 });
    const stored = recent.find((event) => event.id === eventId);
    return stored ? Date.parse((stored.data as { last_scheduled_for: string }).last_scheduled_for) : null;
  }

  private context(job: ScheduledJob, correlationId: string): RequestContext {
    return { organizationId: job.organizationId, actor: SCHEDULER_ACTOR, correlationId };
  }

  private async send<T>(service: string, command: string, payload: unknown, correlationId: string): Promise<CommandReply<T>> {
    try {
      return await sendCommand<T>(this.nats, this.subjects, service, command, payload, { timeoutMs: TIMEOUT_MS, correlationId });
    } catch (error) {
      return { ok: false, error: { code: 'unavailable', detail: `${service}.${command} failed: ${(error as Error).message}` } };
    }
  }
}

/** `unavailable` and `internal` may pass; anything else is the service's final word on this run. */
function failure(error: DomainError): Exclude<TriggerOutcome, { kind: 'started' }> {
  const detail = typeof error.detail === 'string' ? error.detail : error.detail.map((issue) => issue.msg).join('; ');
  if (error.code === 'unavailable' || error.code === 'internal') return { kind: 'unavailable', detail };
  return { kind: 'rejected', code: error.code, detail };
}
