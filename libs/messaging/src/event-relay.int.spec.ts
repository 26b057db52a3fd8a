import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { executionStreamId, jobStreamId, type RecordedEvent } from '@cp/contracts';
import { PostgresEventStore, type EventToAppend } from '@cp/event-store';
import { PgCheckpointStore } from './checkpoint-store';
import { decodeJson } from './json';
import { EventRelay } from './event-relay';
import type { MessagingLogger } from './logger';
import { ensureStreams } from './streams';
import { eventually, natsTestEnv, TEST_DATABASE_URL, type NatsTestEnv } from './test-support/nats-test-env';

const recordingLogger = (): MessagingLogger & { errors: string[] } => {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (msg) => errors.push(msg) };
};

const event = (type: string, n: number): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { n },
  metadata: { organizationId: 'org_1', actor: { id: 'user_1', email: null }, correlationId: `corr-${n}`, causationId: null, schemaVersion: 1, occurredAt: '2025-01-01T00:00:00.000Z' },
});

describe('event relay: event store -> JetStream EVENTS', () => {
  let nats: NatsTestEnv;
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let checkpoints: PgCheckpointStore;
  const relays: EventRelay[] = [];

  beforeEach(async () => {
    nats = await natsTestEnv('relay');
    schema = `t_relay_${randomBytes(5).toString('hex')}`;
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
    store = new PostgresEventStore({ pool, schema, pollIntervalMs: 200 });
    await store.migrate();
    checkpoints = new PgCheckpointStore(pool, schema);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await nats.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  const newRelay = (logger: MessagingLogger = recordingLogger()) => {
    const relay = new EventRelay({ store, js: nats.js, subjects: nats.subjects, checkpoints, name: 'relay', logger });
    relays.push(relay);
    return relay;
  };
  const appendJobs = async (count: number) => {
    for (let n = 0; n < count; n += 1) await store.append(jobStreamId(`job_${n}`), [event('JobCreated', n), event('JobEnabled', n)], 'no_stream');
  };
  const storedMessages = async () => {
    const { state } = await nats.jsm.streams.info(nats.subjects.eventsStream);
    const messages = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
      const msg = await nats.jsm.streams.getMessage(nats.subjects.eventsStream, { seq });
      messages.push({ subject: msg.subject, msgId: msg.header.get('Nats-Msg-Id'), event: decodeJson(msg.data) as RecordedEvent });
    }
    return messages;
  };
  const streamCount = async () => (await nats.jsm.streams.info(nats.subjects.eventsStream)).state.messages;

  it('publishes each event to evt.<category>.<type> with its id as Nats-Msg-Id and the recorded event as payload', async () => {
    await ensureStreams(nats.jsm, nats.subjects);
    await store.append(jobStreamId('job_a'), [event('JobCreated', 1)], 'no_stream');
    await store.append(executionStreamId('e1'), [event('ExecutionRequested', 2)], 'no_stream');

    newRelay().start();

    await eventually(async () => (await streamCount()) === 2, 'two published events');
    const recorded = await store.readAll();
    expect(await storedMessages()).toEqual([
      { subject: nats.subjects.event('job', 'JobCreated'), msgId: recorded[0].id, event: recorded[0] },
      { subject: nats.subjects.event('execution', 'ExecutionRequested'), msgId: recorded[1].id, event: recorded[1] },
    ]);
  });

  it('saves its checkpoint and continues after it when started again', async () => {
    await ensureStreams(nats.jsm, nats.subjects);
    await appendJobs(5);
    const first = newRelay();
    first.start();
    await eventually(async () => (await streamCount()) === 10, 'first ten events');
    await first.stop();
    expect(await checkpoints.load('relay')).toBe(await store.headPosition());

    await store.append(jobStreamId('job_late'), [event('JobCreated', 99)], 'no_stream');
    newRelay().start();

    await eventually(async () => (await streamCount()) === 11, 'the event appended while stopped');
  });

  it('publishes every event exactly once when restarted mid-way and its last checkpoint was lost', async () => {
    await ensureStreams(nats.jsm, nats.subjects);
    await appendJobs(150);
    const first = newRelay();
    first.start();
    await eventually(async () => (await streamCount()) >= 100, 'the relay to be under way');
    await first.stop();
    const all = await store.readAll();
    // A crash between publishing and saving: the checkpoint is behind what was published.
    await checkpoints.save('relay', all[20].position);

    newRelay().start();
    await store.append(jobStreamId('job_live'), [event('JobCreated', 1000)], 'no_stream');

    await eventually(async () => (await streamCount()) >= 301, 'every event published', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = (await storedMessages()).map((m) => m.msgId);
    expect(ids).toEqual((await store.readAll()).map((e) => e.id));
  });

  it('keeps retrying while JetStream cannot take the events, and logs why', async () => {
    await appendJobs(1);
    const logger = recordingLogger();
    newRelay(logger).start();
    await eventually(() => logger.errors.length > 0, 'a logged publish failure');

    await ensureStreams(nats.jsm, nats.subjects);

    await eventually(async () => (await streamCount()) === 2, 'the events once the stream exists', 20_000);
    expect(logger.errors[0]).toContain('event relay failed');
  });
});
