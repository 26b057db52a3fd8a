import type { ExecutionEvent } from '@cp/contracts';
import { cancel, fail, given, log, retrying, start, succeed, timeOut } from './execution-spec-helpers';
import { at, dispatched, EXEC, requested, started } from './execution-test-fixtures';
import { reportAccepted } from './worker-reports';

const failed = (attempt: number, seconds: number, willRetry: boolean, durationMs = (seconds - 2) * 1000): ExecutionEvent => ({
  type: 'ExecutionFailed', data: { execution_id: EXEC, attempt, error_message: 'exit code 2', failed_at: at(seconds), duration_ms: durationMs, will_retry: willRetry },
});
const retryScheduled = (nextAttempt: number, seconds: number, reason = `attempt ${nextAttempt - 1} failed: exit code 2`): ExecutionEvent => ({
  type: 'ExecutionRetryScheduled', data: { execution_id: EXEC, next_attempt: nextAttempt, retry_at: at(seconds), reason },
});
const timedOut = (attempt: number, seconds: number, reason: 'timeout' | 'heartbeat', message: string, willRetry: boolean, durationMs = (seconds - 2) * 1000): ExecutionEvent => ({
  type: 'ExecutionTimedOut', data: { execution_id: EXEC, attempt, reason, error_message: message, timed_out_at: at(seconds), duration_ms: durationMs, will_retry: willRetry },
});
const cancelled = (attempt: number, seconds: number, durationMs: number | null): ExecutionEvent => ({
  type: 'ExecutionCancelled', data: { execution_id: EXEC, attempt, reason: 'Cancelled by user', by: { id: 'user-1', email: 'u@example.com' }, cancelled_at: at(seconds), duration_ms: durationMs },
});
const running = [requested(), dispatched(), started()];

describe('execution decider: outcomes', () => {
  describe('SucceedExecution', () => {
    it('completes the running attempt with its duration', () =>
      given(...running).when(succeed()).then([{ type: 'ExecutionSucceeded', data: { execution_id: EXEC, attempt: 1, output: 'done', completed_at: at(12), duration_ms: 10_000 } }]));
    it('ignores a late result after a timeout (no event, not accepted)', () => {
      const g = given(...running, timedOut(1, 62, 'timeout', 'x', false));
      g.when(succeed(1, 'run-1', 70)).then([]);
      expect(reportAccepted(g.state, { attempt: 1, run_id: 'run-1' })).toBe(false);
    });
    it('ignores a late result after a cancel', () => given(...running, cancelled(1, 5, 3000)).when(succeed()).then([]));
    it('ignores the result of an attempt that a retry replaced', () =>
      given(requested(retrying), dispatched(), started(), failed(1, 3, true, 1000), retryScheduled(2, 8), dispatched(2, 'default', 8)).when(succeed(1)).then([]));
    it('accepts a resent result without a new event', () => {
      const g = given(...running, { type: 'ExecutionSucceeded', data: { execution_id: EXEC, attempt: 1, output: 'done', completed_at: at(12), duration_ms: 10_000 } });
      g.when(succeed()).then([]);
      expect(reportAccepted(g.state, { attempt: 1, run_id: 'run-1' })).toBe(true);
    });
    it('ignores a result from a run that never started', () => given(requested(), dispatched()).when(succeed()).then([]));
  });

  describe('FailExecution', () => {
    it('fails for good without a retry policy', () => given(...running).when(fail()).then([failed(1, 12, false)]));
    it('schedules a retry with exponential backoff while attempts remain', () =>
      given(requested(retrying), dispatched(), started()).when(fail(1, 'run-1', 12)).then([failed(1, 12, true), retryScheduled(2, 17)]));
    it('doubles the backoff for the next attempt', () =>
      given(requested(retrying), dispatched(), started(), failed(1, 3, true, 1000), retryScheduled(2, 8), dispatched(2, 'default', 8), started(2, 9))
        .when(fail(2, 'run-2', 12)).then([failed(2, 12, true, 3000), retryScheduled(3, 22, 'attempt 2 failed: exit code 2')]));
    it('fails for good on the last attempt', () =>
      given(requested({ config: { retry: { max_attempts: 2 } } }), dispatched(), started(), failed(1, 3, true, 1000), retryScheduled(2, 4), dispatched(2, 'default', 4), started(2, 5))
        .when(fail(2, 'run-2', 12)).then([failed(2, 12, false, 7000)]));
    it('ignores a failure after a timeout', () => given(...running, timedOut(1, 62, 'timeout', 'x', false)).when(fail()).then([]));
  });

  describe('TimeOutExecution', () => {
    it('times out the running attempt after config.timeout', () =>
      given(requested({ config: { timeout: 60 } }), dispatched(), started()).when(timeOut(1, 'timeout', 62))
        .then([timedOut(1, 62, 'timeout', 'Execution timed out after 60 s (attempt 1)', false)]));
    it('times out a worker that stopped heartbeating and applies the retry policy', () =>
      given(requested(retrying), dispatched(), started()).when(timeOut(1, 'heartbeat', 20))
        .then([timedOut(1, 20, 'heartbeat', 'Worker worker-a stopped sending heartbeats (attempt 1)', true), retryScheduled(2, 25, 'Worker worker-a stopped sending heartbeats (attempt 1)')]));
    it('decides nothing when the attempt already ended', () => given(...running, failed(1, 12, false)).when(timeOut(1, 'timeout', 62)).then([]));
    it('decides nothing for a timer of an older attempt', () =>
      given(requested(retrying), dispatched(), started(), failed(1, 3, true, 1000), retryScheduled(2, 8), dispatched(2, 'default', 8), started(2, 9)).when(timeOut(1)).then([]));
    it('decides nothing while still queued', () => given(requested(), dispatched()).when(timeOut(1)).then([]));
  });

  describe('CancelExecution', () => {
    it('cancels a running execution', () => given(...running).when(cancel(5)).then([cancelled(1, 5, 3000)]));
    it('cancels a queued execution', () => given(requested(), dispatched()).when(cancel(5)).then([cancelled(1, 5, null)]));
    it('cancels a pending execution', () => given(requested()).when(cancel(5)).then([cancelled(1, 5, null)]));
    it('cancels between attempts (no retry follows)', () => {
      const g = given(requested(retrying), dispatched(), started(), failed(1, 3, true, 1000), retryScheduled(2, 8));
      g.when(cancel(5)).then([cancelled(1, 5, null)]);
    });
    it('refuses to cancel a finished execution (409)', () => given(...running, failed(1, 12, false)).when(cancel()).thenFails('conflict', /already failed/));
    it('does not find an execution of another organization', () => given(...running).when(cancel(5, 'org-2')).thenFails('not_found'));
    it('does not find an execution under another job', () => given(...running).when(cancel(5, 'org-1', 'job_other')).thenFails('not_found'));
    it('ignores log lines after the cancel', () => given(...running, cancelled(1, 5, 3000)).when(log(0, ['late'])).then([]));
    it('refuses a start after the cancel', () => given(requested(), dispatched(), cancelled(1, 5, null)).when(start()).then([]));
  });

});
