import { randomUUID } from 'node:crypto';
import { executionStreamId, type CommandMetadata, type ExecutionCommand, type RecordedEvent } from '@cp/contracts';
import { ensureEventStoreSchema, PostgresEventStore, type EventStore, type ReadStreamOptions } from '@cp/event-store';
import { createTestSchema, type TestSchema } from '@cp/testing';
import { ExecutionStore } from './execution-store';

const NOW = '2026-01-01T00:00:00.000Z';
const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'system:executor', email: null }, now: NOW, correlationId: 'c-1' };

/** The real store, counting stream reads. */
class CountingStore {
  reads = 0;
  constructor(readonly inner: PostgresEventStore) {}
  asEventStore(): EventStore {
    return new Proxy(this.inner, {
      get: (target, name) => {
        if (name === 'readStream') {
          return (streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> => {
            this.reads++;
            return target.readStream(streamId, options);
          };
        }
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

const dispatch = (id: string): ExecutionCommand => ({ type: 'DispatchExecution', data: { execution_id: id, candidates: [], agent_default_queue: null }, metadata: meta });
const start = (id: string, runId: string): ExecutionCommand => ({ type: 'StartExecution', data: { execution_id: id, attempt: 1, run_id: runId, worker_id: `worker-${runId}` }, metadata: meta });
const succeed = (id: string, runId: string): ExecutionCommand => ({ type: 'SucceedExecution', data: { execution_id: id, attempt: 1, run_id: runId, output: 'done' }, metadata: meta });

describe('ExecutionStore (executor) against the real PostgreSQL event store', () => {
  let db: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('execution_store');
    await ensureEventStoreSchema(db.pool, db.schema);
    store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  async function requestedExecution(): Promise<string> {
    const id = randomUUID();
    await store.append(executionStreamId(id), [{
      id: randomUUID(), type: 'ExecutionRequested',
      data: {
        execution_id: id, job_id: 'job-1', organization_id: 'org-1', source: 'manual', scheduled_for: null, parameters: {}, trigger_metadata: {},
        prompt: 'p', system_prompt: null, config: {}, planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'a-1', entity_name: 'A',
        executor_type: 'auto', worker_queue_name: null, environment_name: null, execution_environment: null, workflow_id: `agent-execution-${id}`, requested_at: NOW,
      },
      metadata: { organizationId: 'org-1', actor: meta.actor, correlationId: 'c-1', causationId: null, schemaVersion: 1, occurredAt: NOW },
    }], 'no_stream');
    return id;
  }
  const types = async (id: string): Promise<string[]> => (await store.readStream(executionStreamId(id))).map((e) => e.type);

  it('decides on the state it holds without reading the stream again', async () => {
    const id = await requestedExecution();
    const counting = new CountingStore(store);
    const executions = new ExecutionStore(counting.asEventStore());
    await executions.handle(dispatch(id));
    const readsAfterDispatch = counting.reads;

    await executions.handle(start(id, 'run-a'));
    await executions.handle(succeed(id, 'run-a'));

    expect(counting.reads).toBe(readsAfterDispatch);
    expect(await types(id)).toEqual(['ExecutionRequested', 'ExecutionDispatched', 'ExecutionStarted', 'ExecutionSucceeded']);
  });

  it('starts from the ExecutionRequested event it was handed, without reading the stream', async () => {
    const id = await requestedExecution();
    const [first] = await store.readStream(executionStreamId(id));
    const counting = new CountingStore(store);
    const executions = new ExecutionStore(counting.asEventStore());

    expect(executions.heldOr(first)).toMatchObject({ revision: 0, state: { status: 'pending' } });
    await executions.handle(dispatch(id));

    expect(counting.reads).toBe(0);
    expect(await types(id)).toEqual(['ExecutionRequested', 'ExecutionDispatched']);
  });

  it('handed a first event again after the execution moved on, decides on fresh state', async () => {
    const id = await requestedExecution();
    const [first] = await store.readStream(executionStreamId(id));
    await new ExecutionStore(store).handle(dispatch(id));
    const redelivered = new ExecutionStore(store);

    redelivered.heldOr(first);
    const outcome = await redelivered.handle(dispatch(id));

    expect(outcome.events).toEqual([]);
    expect(outcome.state).toMatchObject({ status: 'queued' });
    expect(await types(id)).toEqual(['ExecutionRequested', 'ExecutionDispatched']);
  });

  it('decides again on fresh state when another replica appended meanwhile (the append conflicts)', async () => {
    const id = await requestedExecution();
    const replicaA = new ExecutionStore(store);
    const replicaB = new ExecutionStore(store);
    await replicaA.handle(dispatch(id));
    await replicaB.handle(start(id, 'run-b'));

    const outcome = await replicaA.handle(start(id, 'run-a'));

    expect(outcome.events).toEqual([]);
    expect(outcome.state).toMatchObject({ status: 'running' });
    expect(await types(id)).toEqual(['ExecutionRequested', 'ExecutionDispatched', 'ExecutionStarted']);
  });

  it('checks a command its held state would ignore against fresh state before ignoring it', async () => {
    const id = await requestedExecution();
    const replicaA = new ExecutionStore(store);
    const replicaB = new ExecutionStore(store);
    await replicaA.handle(dispatch(id));
    await replicaB.handle(start(id, 'run-b'));

    const outcome = await replicaA.handle(succeed(id, 'run-b'));

    expect(outcome.events.map((e) => e.type)).toEqual(['ExecutionSucceeded']);
    expect(await types(id)).toEqual(['ExecutionRequested', 'ExecutionDispatched', 'ExecutionStarted', 'ExecutionSucceeded']);
  });
});
