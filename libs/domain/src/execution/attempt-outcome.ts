import type { ExecutionEvent } from '@cp/contracts';
import { addSeconds, retryDelaySeconds, retryPolicy } from './execution-policy';
import type { LiveExecution } from './execution-state';

/** Whether the attempt that just ended may be followed by another one. */
export function retryAllowed(state: LiveExecution): boolean {
  return state.attempt < retryPolicy(state.request.config).max_attempts;
}

/** The ExecutionRetryScheduled that follows a failed or timed-out attempt (only call when retryAllowed). */
export function scheduleRetry(state: LiveExecution, now: string, reason: string): ExecutionEvent {
  const delay = retryDelaySeconds(retryPolicy(state.request.config), state.attempt);
  return {
    type: 'ExecutionRetryScheduled',
    data: { execution_id: state.request.execution_id, next_attempt: state.attempt + 1, retry_at: addSeconds(now, delay), reason },
  };
}
