import { nanos, RetentionPolicy, StorageType } from 'nats';
import { deleteStreams, ensureStreams } from './streams';
import { natsTestEnv, type NatsTestEnv } from './test-support/nats-test-env';

describe('JetStream stream setup', () => {
  let env: NatsTestEnv;

  beforeEach(async () => {
    env = await natsTestEnv('streams');
  });
  afterEach(async () => {
    await env.close();
  });

  it('creates the EVENTS stream (limits, file, 2-minute de-dup window) and the WORK work queue', async () => {
    await ensureStreams(env.jsm, env.subjects);

    const events = await env.jsm.streams.info(env.subjects.eventsStream);
    expect(events.config).toMatchObject({ subjects: [env.subjects.eventsWildcard], retention: RetentionPolicy.Limits, storage: StorageType.File, duplicate_window: nanos(120_000) });
    const work = await env.jsm.streams.info(env.subjects.workStream);
    expect(work.config).toMatchObject({ subjects: [env.subjects.workWildcard], retention: RetentionPolicy.Workqueue, storage: StorageType.File });
  });

  it('is idempotent and keeps the messages already stored', async () => {
    await ensureStreams(env.jsm, env.subjects);
    await env.js.publish(env.subjects.event('job', 'JobCreated'), new TextEncoder().encode('{}'), { msgID: 'e1' });

    await ensureStreams(env.jsm, env.subjects);
    await Promise.all([ensureStreams(env.jsm, env.subjects), ensureStreams(env.jsm, env.subjects)]);

    expect((await env.jsm.streams.info(env.subjects.eventsStream)).state.messages).toBe(1);
  });

  it('restores a drifted configuration', async () => {
    await ensureStreams(env.jsm, env.subjects);
    await env.jsm.streams.update(env.subjects.eventsStream, { duplicate_window: nanos(10_000) });

    await ensureStreams(env.jsm, env.subjects);

    expect((await env.jsm.streams.info(env.subjects.eventsStream)).config.duplicate_window).toBe(nanos(120_000));
  });

  it('deletes the streams, and tolerates streams that are already gone', async () => {
    await ensureStreams(env.jsm, env.subjects);

    await deleteStreams(env.jsm, env.subjects);
    await deleteStreams(env.jsm, env.subjects);

    const names: string[] = [];
    for await (const page of env.jsm.streams.names()) names.push(page);
    expect(names).not.toContain(env.subjects.eventsStream);
    expect(names).not.toContain(env.subjects.workStream);
  });
});
