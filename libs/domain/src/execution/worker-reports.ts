import type { ExecutionEvent, FailExecution, LogExecutionOutput, StartExecution, SucceedExecution } from '@cp/contracts';
import { retryAllowed, scheduleRetry } from './attempt-outcome';
import { addSeconds, millisBetween, timeoutSeconds } from './execution-policy';
import type { ExecutionRun, ExecutionState, LiveExecution } from './execution-state';

type RunRef = { attempt: number; run_id: string };

/** The running attempt's run, when the report comes from it; anything else is stale and decides nothing. */
function currentRun(state: ExecutionState, ref: RunRef): { execution: LiveExecution; run: ExecutionRun } | null {
  if (state.status !== 'running' || state.attempt !== ref.attempt || !state.run || state.run.runId !== ref.run_id) return null;
  return { execution: state, run: state.run };
}

/** First `started` of a queued attempt wins; a resend by the same run is a no-op; anything else is stale. */
export function startExecution(command: StartExecution, state: ExecutionState): ExecutionEvent[] {
  if (state.status !== 'queued' || state.attempt !== command.data.attempt) return [];
  const now = command.metadata.now;
  const timeout = timeoutSeconds(state.request.config);
  const { execution_id, attempt, run_id, worker_id } = command.data;
  return [{ type: 'ExecutionStarted', data: { execution_id, attempt, worker_id, run_id, started_at: now, deadline: timeout === null ? null : addSeconds(now, timeout) } }];
}

/** Keeps the lines this run has not sent before and numbers them after the execution's last line. */
export function logExecutionOutput(command: LogExecutionOutput, state: ExecutionState): ExecutionEvent[] {
  const current = currentRun(state, command.data);
  if (!current) return [];
  const alreadyLogged = Math.max(0, current.execution.runLogged - command.data.first_index);
  const fresh = command.data.lines.slice(alreadyLogged);
  if (fresh.length === 0) return [];
  const lines = fresh.map((line, i) => ({ seq: current.execution.nextSeq + i, stream: line.stream, line: line.line, at: line.at }));
  return [{ type: 'ExecutionOutputLogged', data: { execution_id: command.data.execution_id, attempt: command.data.attempt, lines } }];
}

export function succeedExecution(command: SucceedExecution, state: ExecutionState): ExecutionEvent[] {
  const current = currentRun(state, command.data);
  if (!current) return [];
  const now = command.metadata.now;
  const { execution_id, attempt, output } = command.data;
  return [{ type: 'ExecutionSucceeded', data: { execution_id, attempt, output, completed_at: now, duration_ms: millisBetween(current.run.startedAt, now) } }];
}

export function failExecution(command: FailExecution, state: ExecutionState): ExecutionEvent[] {
  const current = currentRun(state, command.data);
  if (!current) return [];
  const now = command.metadata.now;
  const willRetry = retryAllowed(current.execution);
  const failed: ExecutionEvent = {
    type: 'ExecutionFailed',
    data: { execution_id: command.data.execution_id, attempt: command.data.attempt, error_message: command.data.error_message, failed_at: now, duration_ms: millisBetween(current.run.startedAt, now), will_retry: willRetry },
  };
  return willRetry ? [failed, scheduleRetry(current.execution, now, `attempt ${command.data.attempt} failed: ${command.data.error_message}`)] : [failed];
}

/**
 * Whether a worker's report is (still) the owner of the execution: the attempt and run match, and the run is either
 * running or was ended by that worker's own result (a resent result). Stale reports get `accepted: false`.
 */
export function reportAccepted(state: ExecutionState, ref: RunRef): boolean {
  if (state.status === 'absent' || state.attempt !== ref.attempt || !state.run || state.run.runId !== ref.run_id) return false;
  return state.status === 'running' || state.run.endedBy === 'worker';
}
