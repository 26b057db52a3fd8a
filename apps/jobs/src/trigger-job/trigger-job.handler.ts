import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { executionStreamId, jobStreamId, type ExecutionRequested, type JobEvent, type JobSnapshot, type TriggerJobRequest, type TriggerJobResult } from '@cp/contracts';
import { executionDecider, jobDecider } from '@cp/domain';
import { WrongExpectedRevisionError, type EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../shared/command-metadata';
import { eventMetadata } from '../shared/job-command-handler';
import { ExecutionRequestedHint } from './execution-requested-hint';

export class TriggerJobCommand {
  constructor(readonly request: TriggerJobRequest) {}
}

type Outcome = { result: TriggerJobResult; revision: number | null; position: string | null };

/**
 * `cmd.jobs.trigger` (libs/contracts trigger.ts): job stream -> RequestExecution decision -> append the new
 * `execution-<id>` stream with expected "no stream". A repeated deterministic id returns the first execution.
 */
@CommandHandler(TriggerJobCommand)
export class TriggerJobHandler implements ICommandHandler<TriggerJobCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ExecutionRequestedHint) private readonly hint: ExecutionRequestedHint,
  ) {}

  async execute({ request }: TriggerJobCommand): Promise<Outcome> {
    const executionId = request.execution_id ?? randomUUID();
    // Only a caller-chosen (deterministic) id can exist already; both reads go out together (one round trip).
    const [existing, job] = await Promise.all([request.execution_id ? this.firstEvent(executionId) : null, this.loadJob(request.job_id)]);
    if (existing) return duplicateOutcome(existing);
    const metadata = commandMetadata(request.context);
    const events = executionDecider.decide({
      type: 'RequestExecution',
      data: {
        execution_id: executionId,
        job: job.snapshot,
        source: request.source,
        parameters: request.parameters ?? {},
        config_override: request.config_override ?? null,
        scheduled_for: request.scheduled_for ?? null,
        trigger_metadata: request.trigger_metadata ?? {},
        webhook_token: request.webhook_token ?? null,
      },
      metadata,
    }, executionDecider.initialState());
    const toAppend = events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: eventMetadata(metadata, request.causation_id ?? job.lastEventId) }));
    try {
      const appended = await this.eventStore.append(executionStreamId(executionId), toAppend, 'no_stream');
      this.hint.publish(toAppend[0], appended);
      return { result: triggerResult(events[0] as ExecutionRequested, false), revision: appended.nextRevision, position: appended.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const winner = await this.firstEvent(executionId);
      if (!winner) throw error;
      return duplicateOutcome(winner);
    }
  }

  /** The job as the trigger sees it, and the id of its last event: the audit's causation link (issue 8 §3). */
  private async loadJob(jobId: string): Promise<{ snapshot: JobSnapshot | null; lastEventId: string | null }> {
    const events = await this.eventStore.readStream(jobStreamId(jobId));
    const lastEventId = events.length > 0 ? events[events.length - 1].id : null;
    const state = events.reduce((s, e) => jobDecider.evolve(s, e as unknown as JobEvent), jobDecider.initialState());
    if (state.status === 'absent') return { snapshot: null, lastEventId };
    if (state.status === 'deleted') return { snapshot: { job_id: state.jobId, organization_id: state.organizationId, status: 'deleted', definition: null }, lastEventId };
    const snapshot: JobSnapshot = { job_id: state.jobId, organization_id: state.organizationId, status: state.status, definition: state.definition, webhook_token: state.webhook?.token ?? null };
    return { snapshot, lastEventId };
  }

  private async firstEvent(executionId: string): Promise<{ event: ExecutionRequested; revision: number; position: string } | null> {
    const [first] = await this.eventStore.readStream(executionStreamId(executionId), { maxCount: 1 });
    if (!first) return null;
    if (first.type !== 'ExecutionRequested') throw new Error(`Stream ${first.streamId} does not start with ExecutionRequested`);
    return { event: first as unknown as ExecutionRequested, revision: first.revision, position: first.position };
  }
}

function triggerResult(event: ExecutionRequested, duplicate: boolean): TriggerJobResult {
  const { job_id, execution_id, workflow_id, source } = event.data;
  const message = source === 'webhook' ? 'Job execution started successfully via webhook' : 'Job execution started successfully';
  return { job_id, execution_id, workflow_id, status: 'started', message, duplicate };
}

function duplicateOutcome(first: { event: ExecutionRequested; revision: number; position: string }): Outcome {
  return { result: triggerResult(first.event, true), revision: first.revision, position: first.position };
}
