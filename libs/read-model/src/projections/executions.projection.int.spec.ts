import { randomUUID } from 'node:crypto';
import type { ExecutionEvent, ExecutionRequested } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';
import { ExecutionLogRow, ExecutionRow, JobRow } from '../entities';
import { ProjectionRunner } from '../projection-runner';
import { aDefinition, jobEvent } from '../testing/job-events.fixture';
import { memoryLogger, openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { executionsProjection } from './executions.projection';
import { jobsProjection } from './jobs.projection';

const ORG = 'org-1';
const JOB = 'job_00000000-0000-4000-8000-0000000000aa';
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

const requested = (id: string, seconds: number): ExecutionRequested => ({
  type: 'ExecutionRequested',
  data: {
    execution_id: id, job_id: JOB, organization_id: ORG, source: 'manual', scheduled_for: null, parameters: {}, trigger_metadata: { by: 'test' },
    prompt: 'p', system_prompt: null, config: {}, planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'agent-1', entity_name: 'A',
    executor_type: 'auto', worker_queue_name: null, environment_name: null, execution_environment: null, workflow_id: `agent-execution-${id}`, requested_at: at(seconds),
  },
});
const toAppend = (event: ExecutionEvent, seconds: number): EventToAppend => ({
  id: randomUUID(), type: event.type, data: event.data,
  metadata: { organizationId: ORG, actor: { id: 'system:executor', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt: at(seconds) },
});
const lifecycle = (id: string, outcome: ExecutionEvent): ExecutionEvent[] => [
  requested(id, 1),
  { type: 'ExecutionDispatched', data: { execution_id: id, attempt: 1, queue: 'default', selection: null, dispatched_at: at(2) } },
  { type: 'ExecutionStarted', data: { execution_id: id, attempt: 1, worker_id: 'w-1', run_id: 'r-1', started_at: at(3), deadline: null } },
  { type: 'ExecutionOutputLogged', data: { execution_id: id, attempt: 1, lines: [{ seq: 0, stream: 'stdout', line: 'hello', at: at(4) }] } },
  outcome,
];

describe('executions projection (real PostgreSQL)', () => {
  let fx: ReadModelFixture;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    fx = await openReadModelFixture('exec_proj');
    await fx.store.append(`job-${JOB}`, [jobEvent({ type: 'JobCreated', data: { job_id: JOB, organization_id: ORG, definition: aDefinition(), webhook: null } }, ORG, at(0))], 'no_stream');
    runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: 'read-model', projections: [jobsProjection, executionsProjection], logger: memoryLogger() });
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await fx.close();
  });

  it('keeps executions, logs and the job counters, and applies nothing twice', async () => {
    const ok = randomUUID();
    const bad = randomUUID();
    const cancelled = randomUUID();
    await fx.store.append(`execution-${ok}`, lifecycle(ok, { type: 'ExecutionSucceeded', data: { execution_id: ok, attempt: 1, output: 'done', completed_at: at(5), duration_ms: 2000 } }).map((e, i) => toAppend(e, i + 1)), 'no_stream');
    await fx.store.append(`execution-${bad}`, lifecycle(bad, { type: 'ExecutionTimedOut', data: { execution_id: bad, attempt: 1, reason: 'heartbeat', error_message: 'gone', timed_out_at: at(9), duration_ms: 6000, will_retry: false } }).map((e, i) => toAppend(e, i + 1)), 'no_stream');
    await fx.store.append(`execution-${cancelled}`, [requested(cancelled, 10), { type: 'ExecutionCancelled' as const, data: { execution_id: cancelled, attempt: 1, reason: 'stop', by: { id: 'u', email: null }, cancelled_at: at(11), duration_ms: null } }].map((e, i) => toAppend(e, i + 10)), 'no_stream');
    expect(await fx.caughtUp('read-model')).toBe(true);

    const job = await fx.dataSource.getRepository(JobRow).findOneByOrFail({ id: JOB });
    expect(job).toMatchObject({ total_executions: 3, successful_executions: 1, failed_executions: 1, last_execution_id: cancelled });
    expect(job.execution_history.map((h) => [h.execution_id, h.status])).toEqual([[cancelled, 'cancelled'], [bad, 'timed_out'], [ok, 'completed']]);
    expect(await fx.dataSource.getRepository(ExecutionRow).findOneByOrFail({ id: ok })).toMatchObject({ status: 'completed', output: 'done', worker_id: 'w-1', duration_ms: 2000, stream_revision: 4 });
    expect(await fx.dataSource.getRepository(ExecutionLogRow).countBy({ execution_id: ok })).toBe(1);

    const replay = await fx.store.readStream(`execution-${ok}`);
    await fx.dataSource.transaction(async (manager) => {
      for (const event of replay) await executionsProjection.apply(event, manager);
    });
    expect(await fx.dataSource.getRepository(JobRow).findOneByOrFail({ id: JOB })).toMatchObject({ total_executions: 3, successful_executions: 1, failed_executions: 1 });
  });
});
