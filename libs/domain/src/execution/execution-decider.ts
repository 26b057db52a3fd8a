import {
  conflict,
  isTerminalExecutionStatus,
  notFound,
  type CancelExecution,
  type DispatchExecution,
  type ExecutionCommand,
  type ExecutionEvent,
  type TimeOutExecution,
} from '@cp/contracts';
import { selectAgent } from './agent-selection';
import { retryAllowed, scheduleRetry } from './attempt-outcome';
import { millisBetween, timeoutSeconds } from './execution-policy';
import { evolveExecution, initialExecutionState, type ExecutionState, type LiveExecution } from './execution-state';
import { requestExecution } from './request-execution';
import { workQueueFor } from './work-queue';
import { failExecution, logExecutionOutput, startExecution, succeedExecution } from './worker-reports';

const NO_AGENT = 'No agent is registered in this organization, so on_the_fly planning has nothing to run the prompt with';

/** A pending execution gets its first attempt; a retrying one its next. Anything else was dispatched already. */
function dispatchExecution(command: DispatchExecution, state: ExecutionState): ExecutionEvent[] {
  if (state.status === 'absent') throw notFound(`Execution ${command.data.execution_id} not found`);
  if (state.status !== 'pending' && state.status !== 'retrying') return [];
  const attempt = state.status === 'pending' ? 1 : state.attempt + 1;
  const { execution_id } = command.data;
  const now = command.metadata.now;
  const onTheFly = state.request.planning_mode === 'on_the_fly';
  const selection = onTheFly ? selectAgent(state.request.prompt, command.data.candidates) : null;
  if (onTheFly && !selection) {
    return [{ type: 'ExecutionFailed', data: { execution_id, attempt, error_message: NO_AGENT, failed_at: now, duration_ms: null, will_retry: false } }];
  }
  const selected = selection ? command.data.candidates.find((c) => c.agent_id === selection.agent_id) : undefined;
  const defaultQueue = selected ? selected.default_worker_queue : command.data.agent_default_queue;
  return [{ type: 'ExecutionDispatched', data: { execution_id, attempt, queue: workQueueFor(state.request, defaultQueue), selection, dispatched_at: now } }];
}

function timeoutMessage(state: LiveExecution, reason: TimeOutExecution['data']['reason']): string {
  if (reason === 'heartbeat') return `Worker ${state.run?.workerId ?? 'unknown'} stopped sending heartbeats (attempt ${state.attempt})`;
  return `Execution timed out after ${timeoutSeconds(state.request.config) ?? 0} s (attempt ${state.attempt})`;
}

/** Only the running attempt can time out; a timer that fires late (after a result or a new attempt) decides nothing. */
function timeOutExecution(command: TimeOutExecution, state: ExecutionState): ExecutionEvent[] {
  if (state.status !== 'running' || state.attempt !== command.data.attempt || !state.run) return [];
  const now = command.metadata.now;
  const willRetry = retryAllowed(state);
  const error_message = timeoutMessage(state, command.data.reason);
  const timedOut: ExecutionEvent = {
    type: 'ExecutionTimedOut',
    data: { execution_id: command.data.execution_id, attempt: state.attempt, reason: command.data.reason, error_message, timed_out_at: now, duration_ms: millisBetween(state.run.startedAt, now), will_retry: willRetry },
  };
  return willRetry ? [timedOut, scheduleRetry(state, now, error_message)] : [timedOut];
}

/** Another organization's (or another job's) execution is a 404; a finished one cannot be cancelled (409). */
function cancelExecution(command: CancelExecution, state: ExecutionState): ExecutionEvent[] {
  const { execution_id, job_id } = command.data;
  if (state.status === 'absent' || state.request.organization_id !== command.metadata.organizationId || state.request.job_id !== job_id) {
    throw notFound(`Execution ${execution_id} not found for job ${job_id}`);
  }
  if (isTerminalExecutionStatus(state.status)) {
    throw conflict(`Execution ${execution_id} is already ${state.status} and cannot be cancelled`);
  }
  const now = command.metadata.now;
  const running = state.status === 'running' && state.run ? millisBetween(state.run.startedAt, now) : null;
  const { actor } = command.metadata;
  return [{
    type: 'ExecutionCancelled',
    data: { execution_id, attempt: state.attempt, reason: command.data.reason ?? 'Cancelled by user', by: { id: actor.id, email: actor.email }, cancelled_at: now, duration_ms: running },
  }];
}

export function decideExecution(command: ExecutionCommand, state: ExecutionState): ExecutionEvent[] {
  switch (command.type) {
    case 'RequestExecution':
      return requestExecution(command, state);
    case 'DispatchExecution':
      return dispatchExecution(command, state);
    case 'StartExecution':
      return startExecution(command, state);
    case 'LogExecutionOutput':
      return logExecutionOutput(command, state);
    case 'SucceedExecution':
      return succeedExecution(command, state);
    case 'FailExecution':
      return failExecution(command, state);
    case 'TimeOutExecution':
      return timeOutExecution(command, state);
    case 'CancelExecution':
      return cancelExecution(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const executionDecider = { decide: decideExecution, evolve: evolveExecution, initialState: initialExecutionState };
