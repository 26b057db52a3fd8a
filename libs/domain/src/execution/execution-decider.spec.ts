import type { ExecutionEvent } from '@cp/contracts';
import { dispatch, given, log, retrying, start, trigger, webhookTrigger } from './execution-spec-helpers';
import { at, dispatched, EXEC, jobSnapshot, requested, started } from './execution-test-fixtures';
import { executionDecider } from './execution-decider';
import { reportAccepted } from './worker-reports';

describe('execution decider', () => {
  describe('RequestExecution (trigger)', () => {
    it('records the rendered prompt, the effective config and the source', () =>
      given().when(trigger(jobSnapshot({ config: { timeout: 60, retry: { max_attempts: 2 } } }), { db: 'orders' }, { retry: { backoff_seconds: 3 } }))
        .then([requested({ config: { timeout: 60, retry: { max_attempts: 2, backoff_seconds: 3 } } })]));
    it('names the workflow after the entity type', () =>
      given().when(trigger(jobSnapshot({ planning_mode: 'predefined_team', entity_type: 'team' })))
        .then([requested({ planning_mode: 'predefined_team', entity_type: 'team', workflow_id: `team-execution-${EXEC}` })]));
    it('decides nothing for an execution id that exists (duplicate trigger)', () => given(requested()).when(trigger()).then([]));
    it('refuses a disabled job with 400 "Job is disabled"', () => given().when(trigger(jobSnapshot({}, 'disabled'))).thenFails('bad_request', /^"Job is disabled"$/));
    it('accepts a delivery on the job\'s live webhook', () =>
      expect(executionDecider.decide(webhookTrigger('tok-live', 'tok-live'), executionDecider.initialState()).map((e) => e.type)).toEqual(['ExecutionRequested']));
    it('does not find the webhook of a delivery whose token the job no longer has (retired or replaced)', () => {
      given().when(webhookTrigger('tok-old', 'tok-new')).thenFails('not_found', /Webhook not found/);
      given().when(webhookTrigger('tok-old', null)).thenFails('not_found', /Webhook not found/);
    });
    it('does not find a deleted job', () => given().when(trigger(jobSnapshot({}, 'deleted'))).thenFails('not_found'));
    it('does not find an unknown job', () => given().when(trigger(null as never)).thenFails('not_found'));
    it('does not find a job of another organization', () => given().when(trigger(jobSnapshot(), { db: 'x' }, null, 'org-2')).thenFails('not_found'));
    it('lists every missing template variable', () =>
      given().when(trigger(jobSnapshot({ prompt_template: '{{a}} and {{ b }} and {{a}}' }), {})).thenFails('validation', /"loc":\["body","parameters","a"\].*"loc":\["body","parameters","b"\]/));
    it('refuses a negative timeout in the effective config', () =>
      given().when(trigger(jobSnapshot(), { db: 'x' }, { timeout: -1 })).thenFails('validation', /timeout/));
  });

  describe('DispatchExecution', () => {
    it('dispatches the first attempt to the default queue', () => given(requested()).when(dispatch()).then([dispatched(1, 'default')]));
    it('routes specific_queue to the worker queue', () =>
      given(requested({ executor_type: 'specific_queue', worker_queue_name: 'gpu' })).when(dispatch()).then([dispatched(1, 'gpu')]));
    it("routes auto to the agent's default worker queue", () =>
      given(requested()).when(dispatch(1, [], 'agents-a')).then([dispatched(1, 'agents-a')]));
    it('routes environment to env.<name>', () =>
      given(requested({ executor_type: 'environment', environment_name: 'prod' })).when(dispatch()).then([dispatched(1, 'env.prod')]));
    it('decides nothing once dispatched (a redelivered request)', () => given(requested(), dispatched()).when(dispatch()).then([]));
    it('dispatches the next attempt of a retrying execution', () =>
      given(requested(retrying), dispatched(), started(), { type: 'ExecutionFailed', data: { execution_id: EXEC, attempt: 1, error_message: 'x', failed_at: at(3), duration_ms: 1000, will_retry: true } },
        { type: 'ExecutionRetryScheduled', data: { execution_id: EXEC, next_attempt: 2, retry_at: at(8), reason: 'x' } })
        .when(dispatch(8)).then([dispatched(2, 'default', 8)]));
    it('picks and records an agent for on_the_fly planning', () =>
      given(requested({ planning_mode: 'on_the_fly', entity_type: null, entity_id: null, prompt: 'Back up the postgres database' }))
        .when(dispatch(1, [{ agent_id: 'a-1', name: 'web', description: null, capabilities: ['http'], load: 0, default_worker_queue: null }, { agent_id: 'a-2', name: 'dba', description: null, capabilities: ['postgres'], load: 3, default_worker_queue: 'db' }]))
        .then([{ type: 'ExecutionDispatched', data: { execution_id: EXEC, attempt: 1, queue: 'db', dispatched_at: at(1),
          selection: { agent_id: 'a-2', agent_name: 'dba', reason: 'matched capabilities postgres (1 of 1); current load 3', score: 1, matched_capabilities: ['postgres'], load: 3 } } }]));
    it('fails an on_the_fly execution when no agent exists', () =>
      given(requested({ planning_mode: 'on_the_fly' })).when(dispatch()).then([{ type: 'ExecutionFailed', data: expect.objectContaining({ attempt: 1, will_retry: false, duration_ms: null }) as never }]));
    it('does not find an unknown execution', () => given().when(dispatch()).thenFails('not_found'));
  });

  describe('StartExecution', () => {
    it('starts the queued attempt with its deadline', () =>
      given(requested({ config: { timeout: 60 } }), dispatched()).when(start()).then([started(1, 2, 'run-1', at(62))]));
    it('decides nothing for a resent start of the same run', () => given(requested(), dispatched(), started()).when(start()).then([]));
    it('refuses a second run of the same attempt (a redelivered work item)', () => {
      const g = given(requested(), dispatched(), started());
      g.when(start(1, 'run-other')).then([]);
      expect(reportAccepted(g.state, { attempt: 1, run_id: 'run-other' })).toBe(false);
      expect(reportAccepted(g.state, { attempt: 1, run_id: 'run-1' })).toBe(true);
    });
    it('refuses a start for an old attempt', () => given(requested(), dispatched(2)).when(start(1)).then([]));
    it('refuses a start after a cancel', () =>
      given(requested(), dispatched(), { type: 'ExecutionCancelled', data: { execution_id: EXEC, attempt: 1, reason: 'r', by: { id: 'u', email: null }, cancelled_at: at(1), duration_ms: null } })
        .when(start()).then([]));
  });

  describe('LogExecutionOutput', () => {
    it('numbers lines after the last one', () =>
      given(requested(), dispatched(), started()).when(log(0, ['a', 'b'])).then([{ type: 'ExecutionOutputLogged', data: { execution_id: EXEC, attempt: 1, lines: [
        { seq: 0, stream: 'stdout', line: 'a', at: at(3) }, { seq: 1, stream: 'stdout', line: 'b', at: at(3) }] } }]));
    it('drops lines of a resent batch', () => {
      const first: ExecutionEvent = { type: 'ExecutionOutputLogged', data: { execution_id: EXEC, attempt: 1, lines: [{ seq: 0, stream: 'stdout', line: 'a', at: at(3) }] } };
      given(requested(), dispatched(), started(), first).when(log(0, ['a', 'b'])).then([{ type: 'ExecutionOutputLogged', data: { execution_id: EXEC, attempt: 1, lines: [{ seq: 1, stream: 'stdout', line: 'b', at: at(3) }] } }]);
    });
    it('ignores lines of a run that does not own the attempt', () => given(requested(), dispatched(), started()).when(log(0, ['a'], 'run-x')).then([]));
  });
});
