import { randomUUID } from 'node:crypto';
import { registryStreamId, type AgentDefinition, type ExecutionEvent, type ExecutionRequested, type RecordedEvent, type RegistryEvent } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';
import { resetCheckpoint, readCheckpoint } from './checkpoint.store';
import { ProjectionFailedError, type ProjectionProgress } from './projection';
import { ProjectionRunner } from './projection-runner';
import { READ_MODEL_PROJECTIONS } from './rebuild/read-model-projections';
import { syntheticHistory } from './rebuild/synthetic-history';
import { aDefinition, jobEvent, newJobId } from './testing/job-events.fixture';
import { memoryLogger, openReadModelFixture, type ReadModelFixture } from './testing/read-model.fixture';

const ORG = 'org-batch';
const NAME = 'read-model';
const TABLES = { jobs: 'id', executions: 'id', execution_logs: 'execution_id, seq', registry_entries: 'kind, id', audit_executions: 'execution_id' };
const AGENT: AgentDefinition = {
  name: 'Backup bot', description: null, capabilities: ['backup'], default_worker_queue: null,
  runtime: { type: 'openai', base_url: 'http://llm/v1', model: 'm', api_key_encrypted: 'v1.sealed', temperature: null },
};
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 2, 0, seconds)).toISOString();

function toAppend(event: ExecutionEvent | RegistryEvent, seconds: number): EventToAppend {
  return {
    id: randomUUID(), type: event.type, data: event.data,
    metadata: { organizationId: ORG, actor: { id: 'system:executor', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt: at(seconds) },
  };
}

function requested(jobId: string, id: string, source: 'cron' | 'manual', seconds: number): ExecutionRequested {
  return {
    type: 'ExecutionRequested',
    data: {
      execution_id: id, job_id: jobId, organization_id: ORG, source, scheduled_for: source === 'cron' ? '2026-01-01T02:00:00.000Z' : null, parameters: { day: 'monday' },
      trigger_metadata: { slot: 1 }, prompt: 'p', system_prompt: null, config: {}, planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'agent-1',
      entity_name: 'Reporter', executor_type: 'auto', worker_queue_name: null, environment_name: null, execution_environment: null, workflow_id: `agent-execution-${id}`, requested_at: at(seconds),
    },
  };
}

/** A cron run that fails once, is retried and succeeds: every execution event type but cancel and time-out. */
function cronRunWithRetry(jobId: string, id: string): EventToAppend[] {
  const events: ExecutionEvent[] = [
    requested(jobId, id, 'cron', 1),
    { type: 'ExecutionDispatched', data: { execution_id: id, attempt: 1, queue: 'default', selection: { agent_id: 'agent-7', reason: 'least loaded' } as never, dispatched_at: at(2) } },
    { type: 'ExecutionStarted', data: { execution_id: id, attempt: 1, worker_id: 'w-1', run_id: 'r-1', started_at: at(3), deadline: null } },
    { type: 'ExecutionOutputLogged', data: { execution_id: id, attempt: 1, lines: [{ seq: 0, stream: 'stdout', line: 'first try', at: at(4) }, { seq: 1, stream: 'stderr', line: 'reset', at: at(4) }] } },
    { type: 'ExecutionFailed', data: { execution_id: id, attempt: 1, error_message: 'connection reset', failed_at: at(5), duration_ms: 2000, will_retry: true } },
    { type: 'ExecutionRetryScheduled', data: { execution_id: id, next_attempt: 2, retry_at: at(6), reason: 'connection reset' } },
    { type: 'ExecutionDispatched', data: { execution_id: id, attempt: 2, queue: 'default', selection: null, dispatched_at: at(7) } },
    { type: 'ExecutionStarted', data: { execution_id: id, attempt: 2, worker_id: 'w-2', run_id: 'r-2', started_at: at(8), deadline: null } },
    { type: 'ExecutionOutputLogged', data: { execution_id: id, attempt: 2, lines: [{ seq: 2, stream: 'stdout', line: 'second try', at: at(9) }] } },
    { type: 'ExecutionSucceeded', data: { execution_id: id, attempt: 2, output: 'done', completed_at: at(10), duration_ms: 2000 } },
  ];
  return events.map((event, n) => toAppend(event, n + 1));
}

describe('BatchProjector: a batch of events applied as one unit of work', () => {
  let fx: ReadModelFixture;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    fx = await openReadModelFixture('rm_batch');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await fx.close();
  });

  async function startRunner(maxBatchSize = 1000): Promise<{ runner: ProjectionRunner; batches: number[]; failed: Promise<unknown> }> {
    const logger = memoryLogger();
    const runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: NAME, projections: [...READ_MODEL_PROJECTIONS], logger, maxBatchSize, maxBatchWaitMs: 5000, retry: { initialDelayMs: 50, maxDelayMs: 50 } });
    const batches: number[] = [];
    runner.on('progress', (progress: ProjectionProgress) => batches.push(progress.events));
    const failed = new Promise<unknown>((resolve) => runner.once('failure', ({ error }: { error: unknown }) => resolve(error)));
    runners.push(runner);
    await runner.start();
    return { runner, batches, failed };
  }

  /** A cron job with a retried cron run and a cancelled run, a registry entry, and interleaved synthetic executions. */
  async function givenAHistory(): Promise<number> {
    const jobId = newJobId();
    const [retried, cancelled, agentId] = [randomUUID(), randomUUID(), randomUUID()];
    await fx.store.append(`job-${jobId}`, [
      jobEvent({ type: 'JobCreated', data: { job_id: jobId, organization_id: ORG, definition: aDefinition(), webhook: { token: `tok-${jobId}`, secret_encrypted: 'enc' } } }, ORG, at(0)),
      jobEvent({ type: 'JobUpdated', data: { job_id: jobId, changes: { cron_schedule: '*/5 * * * *', description: null } } }, ORG, at(0)),
    ], 'no_stream');
    await fx.store.append(`execution-${retried}`, cronRunWithRetry(jobId, retried), 'no_stream');
    await fx.store.append(`execution-${cancelled}`, [
      toAppend(requested(jobId, cancelled, 'manual', 20), 20),
      toAppend({ type: 'ExecutionCancelled', data: { execution_id: cancelled, attempt: 1, reason: 'stop', by: { id: 'u', email: null }, cancelled_at: at(21), duration_ms: null } }, 21),
    ], 'no_stream');
    await fx.store.append(registryStreamId('agent', agentId), [
      toAppend({ type: 'AgentRegistered', data: { agent_id: agentId, organization_id: ORG, definition: AGENT } }, 22),
      toAppend({ type: 'AgentUpdated', data: { agent_id: agentId, changes: { description: 'renamed' } } }, 23),
    ], 'no_stream');
    for (const append of syntheticHistory({ organizationId: ORG, jobs: 3, executionsPerJob: 6, jobChangesPerJob: 3, concurrency: 4, seed: 3 })) {
      await fx.store.append(append.streamId, append.events, 'any');
    }
    return (await fx.store.readAll()).length;
  }

  /** Every projected table, rows in key order. */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES)) tables[table] = (await fx.dataSource.query(`SELECT * FROM "${fx.db.schema}".${table} ORDER BY ${key}`)) as unknown[];
    return tables;
  }

  /** The per-event path the runner used to take: one transaction per event, the projections on TypeORM's manager. */
  async function applyOneEventPerTransaction(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      await fx.dataSource.transaction(async (manager) => {
        for (const projection of READ_MODEL_PROJECTIONS.filter((p) => p.handles.includes(event.type))) await projection.apply(event, manager);
      });
    }
  }

  it.each([
    ['all in one batch', 1000],
    ['in batches of 7 (rows carried from one batch to the next through the tables)', 7],
  ])('given requests and whole lifecycles of executions %s, it leaves the rows that one event per transaction leaves', async (_, maxBatchSize) => {
    const events = await givenAHistory();
    await applyOneEventPerTransaction(await fx.store.readAll());
    const perEvent = await snapshot();
    await fx.dataSource.query(`TRUNCATE ${Object.keys(TABLES).map((table) => `"${fx.db.schema}".${table}`).join(', ')}`);

    const { batches } = await startRunner(maxBatchSize);
    expect(await fx.caughtUp(NAME)).toBe(true);

    expect(batches).toEqual(maxBatchSize >= events ? [events] : expect.arrayContaining([maxBatchSize]));
    const batched = await snapshot();
    expect(batched).toEqual(perEvent);
    expect(batched.executions.length).toBeGreaterThan(10);
    expect(batched.jobs[0]).toBeDefined();
    expect(batched.registry_entries).toMatchObject([{ kind: 'agent', description: 'renamed', stream_revision: 1 }]);
  });

  it('replaying a batch already applied changes no row', async () => {
    await givenAHistory();
    const { runner } = await startRunner();
    expect(await fx.caughtUp(NAME)).toBe(true);
    const before = await snapshot();

    await runner.stop();
    await resetCheckpoint(fx.dataSource, NAME);
    const { batches } = await startRunner();
    expect(await fx.caughtUp(NAME)).toBe(true);

    expect(batches).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('fails on an event for an execution without a row, naming the projection and the event, and commits nothing of the batch', async () => {
    const jobId = newJobId();
    const known = randomUUID();
    const unknown = randomUUID();
    await fx.store.append(`job-${jobId}`, [jobEvent({ type: 'JobCreated', data: { job_id: jobId, organization_id: ORG, definition: aDefinition(), webhook: null } }, ORG, at(0))], 'no_stream');
    await fx.store.append(`execution-${known}`, cronRunWithRetry(jobId, known).slice(0, 3), 'no_stream');
    await fx.store.append(`execution-${unknown}`, [toAppend({ type: 'ExecutionStarted', data: { execution_id: unknown, attempt: 1, worker_id: 'w-1', run_id: 'r-1', started_at: at(3), deadline: null } }, 3)], 'any');
    const [orphan] = await fx.store.readStream(`execution-${unknown}`);

    const error = await (await startRunner()).failed;

    expect(error).toBeInstanceOf(ProjectionFailedError);
    expect(error).toMatchObject({ projection: 'executions', event: { id: orphan.id } });
    expect((error as Error).message).toContain(`Projection executions failed on ExecutionStarted ${orphan.id} (stream execution-${unknown}@0`);
    expect((error as Error).message).toContain(`Execution ${unknown} has no read-model row`);
    expect(await readCheckpoint(fx.dataSource, NAME)).toBeNull();
    expect(Object.values(await snapshot()).flat()).toEqual([]);
  });
});
