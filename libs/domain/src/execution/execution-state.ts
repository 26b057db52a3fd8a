import { isTerminalExecutionStatus, type AgentSelection, type ExecutionEvent, type ExecutionRequested, type ExecutionStatus } from '@cp/contracts';

/** The run that owns the current attempt. `endedBy`: who recorded its end (a worker report, or the executor). */
export type ExecutionRun = { runId: string; workerId: string; startedAt: string; deadline: string | null; endedBy: 'worker' | 'executor' | null };

export type LiveExecution = {
  status: ExecutionStatus;
  request: ExecutionRequested['data'];
  /** The current (or last) attempt, from 1. */
  attempt: number;
  queue: string | null;
  dispatchedAt: string | null;
  selection: AgentSelection | null;
  run: ExecutionRun | null;
  retryAt: string | null;
  /** seq of the next log line (per execution, across attempts). */
  nextSeq: number;
  /** Lines accepted from the current run (dedupes a resent log batch). */
  runLogged: number;
  firstStartedAt: string | null;
  finishedAt: string | null;
};

export type ExecutionState = { status: 'absent' } | LiveExecution;

export const initialExecutionState = (): ExecutionState => ({ status: 'absent' });

function endRun(state: LiveExecution, status: ExecutionStatus, at: string, by: 'worker' | 'executor', willRetry = false): LiveExecution {
  const run = state.run ? { ...state.run, endedBy: by } : null;
  return { ...state, status, run, finishedAt: willRetry ? null : at };
}

function evolveLive(state: LiveExecution, event: Exclude<ExecutionEvent, ExecutionRequested>): LiveExecution {
  switch (event.type) {
    case 'ExecutionDispatched':
      return {
        ...state, status: 'queued', attempt: event.data.attempt, queue: event.data.queue, dispatchedAt: event.data.dispatched_at,
        selection: event.data.selection, run: null, retryAt: null, runLogged: 0,
      };
    case 'ExecutionStarted': {
      const { run_id: runId, worker_id: workerId, started_at: startedAt, deadline } = event.data;
      return { ...state, status: 'running', run: { runId, workerId, startedAt, deadline, endedBy: null }, firstStartedAt: state.firstStartedAt ?? startedAt };
    }
    case 'ExecutionOutputLogged':
      return { ...state, nextSeq: state.nextSeq + event.data.lines.length, runLogged: state.runLogged + event.data.lines.length };
    case 'ExecutionSucceeded':
      return endRun(state, 'completed', event.data.completed_at, 'worker');
    case 'ExecutionFailed':
      return endRun(state, 'failed', event.data.failed_at, 'worker', event.data.will_retry);
    case 'ExecutionTimedOut':
      return endRun(state, 'timed_out', event.data.timed_out_at, 'executor', event.data.will_retry);
    case 'ExecutionRetryScheduled':
      return { ...state, status: 'retrying', retryAt: event.data.retry_at };
    case 'ExecutionCancelled':
      return { ...endRun(state, 'cancelled', event.data.cancelled_at, 'executor'), retryAt: null };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export function evolveExecution(state: ExecutionState, event: ExecutionEvent): ExecutionState {
  if (event.type === 'ExecutionRequested') {
    if (state.status !== 'absent') return state;
    return {
      status: 'pending', request: event.data, attempt: 1, queue: null, dispatchedAt: null, selection: null, run: null, retryAt: null,
      nextSeq: 0, runLogged: 0, firstStartedAt: null, finishedAt: null,
    };
  }
  if (state.status === 'absent') return state;
  return evolveLive(state, event);
}

/** Completed, failed for good, timed out for good, or cancelled: no event changes it any more. */
export const isExecutionFinished = (state: ExecutionState): boolean => state.status !== 'absent' && isTerminalExecutionStatus(state.status);
