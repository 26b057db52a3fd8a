import { DomainFailure, type ExecutionCommand, type ExecutionEvent } from '@cp/contracts';
import { executionDecider } from './execution-decider';
import { at, EXEC, JOB, jobSnapshot, meta, T0 } from './execution-test-fixtures';

/** Given events, when command, then events (or error). */
export function given(...events: ExecutionEvent[]) {
  const state = events.reduce(executionDecider.evolve, executionDecider.initialState());
  return {
    state,
    when: (command: ExecutionCommand) => ({
      then: (expected: ExecutionEvent[]) => expect(executionDecider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, detailPattern?: RegExp) => {
        let failure: unknown;
        try { executionDecider.decide(command, state); } catch (error) { failure = error; }
        expect(failure).toBeInstanceOf(DomainFailure);
        expect((failure as DomainFailure).error.code).toBe(code);
        if (detailPattern) expect(JSON.stringify((failure as DomainFailure).error.detail)).toMatch(detailPattern);
      },
    }),
  };
}

export const trigger = (job = jobSnapshot(), parameters: Record<string, unknown> = { db: 'orders' }, config_override: Record<string, unknown> | null = null, organizationId = 'org-1'): ExecutionCommand => ({
  type: 'RequestExecution',
  data: { execution_id: EXEC, job, source: 'manual', parameters, config_override, scheduled_for: null, trigger_metadata: {} },
  metadata: meta(T0, organizationId),
});
/** A delivery that came in on webhook `token`; the job's own live webhook token is `jobToken`. */
export const webhookTrigger = (token: string, jobToken: string | null): ExecutionCommand => {
  const manual = trigger({ ...jobSnapshot({ trigger_type: 'webhook' }), webhook_token: jobToken });
  return { ...manual, data: { ...manual.data, source: 'webhook', webhook_token: token } } as ExecutionCommand;
};
export const dispatch = (seconds = 1, candidates: Extract<ExecutionCommand, { type: 'DispatchExecution' }>['data']['candidates'] = [], agentDefaultQueue: string | null = null): ExecutionCommand =>
  ({ type: 'DispatchExecution', data: { execution_id: EXEC, candidates, agent_default_queue: agentDefaultQueue }, metadata: meta(at(seconds)) });
export const start = (attempt = 1, runId = `run-${attempt}`, seconds = 2): ExecutionCommand =>
  ({ type: 'StartExecution', data: { execution_id: EXEC, attempt, run_id: runId, worker_id: 'worker-a' }, metadata: meta(at(seconds)) });
export const succeed = (attempt = 1, runId = `run-${attempt}`, seconds = 12): ExecutionCommand =>
  ({ type: 'SucceedExecution', data: { execution_id: EXEC, attempt, run_id: runId, output: 'done' }, metadata: meta(at(seconds)) });
export const fail = (attempt = 1, runId = `run-${attempt}`, seconds = 12): ExecutionCommand =>
  ({ type: 'FailExecution', data: { execution_id: EXEC, attempt, run_id: runId, error_message: 'exit code 2' }, metadata: meta(at(seconds)) });
export const timeOut = (attempt = 1, reason: 'timeout' | 'heartbeat' = 'timeout', seconds = 62): ExecutionCommand =>
  ({ type: 'TimeOutExecution', data: { execution_id: EXEC, attempt, reason }, metadata: meta(at(seconds)) });
export const cancel = (seconds = 5, organizationId = 'org-1', jobId = JOB): ExecutionCommand =>
  ({ type: 'CancelExecution', data: { execution_id: EXEC, job_id: jobId, reason: null }, metadata: meta(at(seconds), organizationId) });
export const log = (firstIndex: number, lines: string[], runId = 'run-1'): ExecutionCommand => ({
  type: 'LogExecutionOutput',
  data: { execution_id: EXEC, attempt: 1, run_id: runId, first_index: firstIndex, lines: lines.map((line) => ({ stream: 'stdout' as const, line, at: at(3) })) },
  metadata: meta(at(3)),
});
export const retrying = { config: { retry: { max_attempts: 3, backoff_seconds: 5, exponential: true } } };

