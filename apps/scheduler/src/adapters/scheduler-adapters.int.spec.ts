import type { NatsConnection } from 'nats';
import { natsSubjects, type RecordedEvent } from '@cp/contracts';
import { scheduledRunSkippedEventId, type ScheduledJob } from '@cp/domain';
import { ensureEventStoreSchema, PostgresEventStore } from '@cp/event-store';
import { closeNats, connectNats } from '@cp/messaging';
import { createTestSchema, randomNamespace, testNatsUrl, waitFor, type TestSchema } from '@cp/testing';
import { ScheduleBook } from '../schedule-book';
import { jobCreated } from '../testing/scheduler-events';
import { ControlPlaneActions, SCHEDULER_ACTOR } from './control-plane.actions';
import { EventFollower } from './event-follower';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const T0 = Date.parse('2025-01-01T00:00:00Z');
const JOB = 'job_int_1';

describe('scheduler adapters against real PostgreSQL and NATS', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let nats: NatsConnection;

  const append = async (event: RecordedEvent): Promise<void> => {
    await store.append(event.streamId, [{ id: crypto.randomUUID(), type: event.type, data: event.data, metadata: event.metadata }], 'any');
  };
  const job = (): ScheduledJob => {
    const book = new ScheduleBook();
    book.apply(jobCreated(JOB, T0));
    return book.get(JOB) as ScheduledJob;
  };

  beforeAll(async () => {
    db = await createTestSchema('scheduler');
    await ensureEventStoreSchema(db.pool, db.schema);
    store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    nats = await connectNats(testNatsUrl(), 'scheduler-int');
    await append(jobCreated(JOB, T0));
  });
  afterAll(async () => {
    await closeNats(nats);
    await store.close();
    await db.drop();
  });

  it('two replicas recording the same missed slots write one event, and both learn its range', async () => {
    const replicaA = new ControlPlaneActions(nats, natsSubjects(randomNamespace('sched')), store);
    const replicaB = new ControlPlaneActions(nats, natsSubjects(randomNamespace('sched')), store);
    const skip = { jobId: JOB, reason: 'misfire' as const, firstSlotMs: T0 + 1000, lastSlotMs: T0 + 5000, slotCount: 5, blockingExecutionIds: [], detail: null };
    expect(await replicaA.recordSkip(job(), skip)).toBe(T0 + 5000);
    expect(await replicaB.recordSkip(job(), { ...skip, lastSlotMs: T0 + 6000, slotCount: 6 })).toBe(T0 + 5000);
    const skips = (await store.readStream(`job-${JOB}`)).filter((e) => e.type === 'ScheduledRunSkipped');
    expect(skips).toHaveLength(1);
    expect(skips[0]).toMatchObject({ id: scheduledRunSkippedEventId(JOB, 'misfire', T0 + 1000), metadata: { actor: SCHEDULER_ACTOR }, data: { slot_count: 5, last_scheduled_for: '2025-01-01T00:00:05.000Z' } });
  });

  it('a trigger nobody answers is "unavailable" (retried), not a rejection', async () => {
    const actions = new ControlPlaneActions(nats, natsSubjects(randomNamespace('sched')), store);
    expect(await actions.trigger(job(), T0 + 1000, '00000000-0000-5000-8000-000000000000')).toMatchObject({ kind: 'unavailable' });
  });

  it('the follower applies every stored event before start() resolves, then live ones', async () => {
    const book = new ScheduleBook();
    let caughtUp = false;
    const changed: string[] = [];
    const follower = new EventFollower(store, { onEvent: (event) => { const id = book.apply(event); if (id && caughtUp) changed.push(id); }, onCaughtUp: () => { caughtUp = true; } }, quiet);
    await follower.start();
    try {
      expect(book.get(JOB)?.lastHandledSlotMs).toBe(T0 + 5000);
      await append({ ...jobCreated(JOB, T0), type: 'JobDisabled', data: { job_id: JOB } });
      await waitFor(() => changed.includes(JOB), { timeoutMs: 5000, description: 'the live JobDisabled' });
      expect(book.get(JOB)?.definition.enabled).toBe(false);
    } finally {
      await follower.stop();
    }
  });
});
