import { Injectable } from '@nestjs/common';
import type { CommandMetadata, ExecutionCommand, WorkerReportResult, WorkerRunRef } from '@cp/contracts';
import { reportAccepted, type ExecutionState } from '@cp/domain';
import { ExecutionLifecycle } from '../shared/execution-lifecycle';
import { ExecutionStore } from '../shared/execution-store';
import { workerMetadata } from '../shared/executor-metadata';
import { ExecutionTimers } from '../timers/execution-timers';
import { parseFailed, parseLog, parseRunRef, parseSucceeded } from './worker-report.parsing';

type ReportOutcome = { result: WorkerReportResult; revision: number | null; position: string | null };

function rejection(state: ExecutionState, ref: WorkerRunRef): string {
  if (state.status === 'absent') return `Execution ${ref.execution_id} does not exist`;
  if (state.attempt !== ref.attempt) return `Attempt ${ref.attempt} is no longer current (attempt ${state.attempt} is)`;
  if (state.status !== 'running' && state.status !== 'queued') return `Execution is ${state.status}`;
  return `Attempt ${ref.attempt} is run by another worker`;
}

function verdict(state: ExecutionState, ref: WorkerRunRef): WorkerReportResult {
  const accepted = reportAccepted(state, ref);
  const status = state.status === 'absent' ? 'failed' : state.status;
  const deadline = state.status !== 'absent' ? (state.run?.deadline ?? null) : null;
  return { accepted, status, deadline, reason: accepted ? null : rejection(state, ref) };
}

/** `cmd.executor.started|heartbeat|log|succeeded|failed`: worker reports -> decider -> reply whether the worker still owns the run. */
@Injectable()
export class WorkerReportsService {
  constructor(private readonly store: ExecutionStore, private readonly lifecycle: ExecutionLifecycle, private readonly timers: ExecutionTimers) {}

  started(payload: unknown, correlationId: string): Promise<ReportOutcome> {
    const ref = parseRunRef(payload, 'started');
    return this.report(ref, correlationId, (metadata) => ({ type: 'StartExecution', data: { execution_id: ref.execution_id, attempt: ref.attempt, run_id: ref.run_id, worker_id: ref.worker_id }, metadata }));
  }

  log(payload: unknown, correlationId: string): Promise<ReportOutcome> {
    const log = parseLog(payload);
    const { worker_id: _worker, ...data } = log;
    return this.report(log, correlationId, (metadata) => ({ type: 'LogExecutionOutput', data, metadata }));
  }

  succeeded(payload: unknown, correlationId: string): Promise<ReportOutcome> {
    const report = parseSucceeded(payload);
    return this.report(report, correlationId, (metadata) => ({ type: 'SucceedExecution', data: { execution_id: report.execution_id, attempt: report.attempt, run_id: report.run_id, output: report.output }, metadata }));
  }

  failed(payload: unknown, correlationId: string): Promise<ReportOutcome> {
    const report = parseFailed(payload);
    return this.report(report, correlationId, (metadata) => ({ type: 'FailExecution', data: { execution_id: report.execution_id, attempt: report.attempt, run_id: report.run_id, error_message: report.error_message }, metadata }));
  }

  /** No event: refreshes the heartbeat watchdog of the run, if it still owns the attempt. */
  async heartbeat(payload: unknown, _correlationId: string): Promise<ReportOutcome> {
    const ref = parseRunRef(payload, 'heartbeat');
    const { state } = await this.store.load(ref.execution_id);
    const result = verdict(state, ref);
    if (result.accepted && state.status === 'running') this.timers.seen(ref.execution_id, ref.attempt);
    return { result, revision: null, position: null };
  }

  private async report(ref: WorkerRunRef, correlationId: string, command: (metadata: CommandMetadata) => ExecutionCommand): Promise<ReportOutcome> {
    const { state } = await this.store.load(ref.execution_id);
    if (state.status === 'absent') return { result: verdict(state, ref), revision: null, position: null };
    const handled = await this.store.handle(command(workerMetadata(state.request.organization_id, ref.worker_id, correlationId)));
    const result = verdict(handled.state, ref);
    if (result.accepted && handled.state.status === 'running') this.timers.seen(ref.execution_id, ref.attempt);
    await this.lifecycle.afterChange(handled);
    return { result, revision: handled.revision, position: handled.position };
  }
}
