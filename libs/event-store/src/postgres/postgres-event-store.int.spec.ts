import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { newEvent, SubscriptionRecorder } from '../testing/contract-helpers';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { ensureEventStoreSchema } from './postgres-schema';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const randomSchema = (): string => `es_test_${randomBytes(6).toString('hex')}`;

async function openStore(options: Partial<PostgresEventStoreOptions> = {}) {
  const schema = randomSchema();
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  const store = new PostgresEventStore({ pool, schema, ...options });
  await store.migrate();
  const dispose = async (): Promise<void> => {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  };
  return { schema, pool, store, dispose };
}

describeEventStoreContract('PostgreSQL event store contract', () => openStore());

describe('PostgreSQL event store', () => {
  let ctx: Awaited<ReturnType<typeof openStore>>;
  beforeAll(async () => {
    ctx = await openStore({ pollIntervalMs: 60_000 });
  });
  afterAll(() => ctx.dispose());

  it('creates its tables idempotently, also when started concurrently', async () => {
    await Promise.all([ensureEventStoreSchema(ctx.pool, ctx.schema), ensureEventStoreSchema(ctx.pool, ctx.schema)]);
    const { rows } = await ctx.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [ctx.schema]);
    expect(rows.map((r) => r.table_name)).toEqual(['events', 'streams']);
  });

  it('hands out gapless positions, even when appends fail and roll back', async () => {
    await ctx.store.append('gapless-a', [newEvent('A')], 'no_stream');
    await expect(ctx.store.append('gapless-a', [newEvent('B')], 'no_stream')).rejects.toThrow('Wrong expected revision');
    // Rejected by PostgreSQL itself (jsonb has no NUL), after positions were taken: the transaction rolls back.
    await expect(ctx.store.append('gapless-b', [newEvent('B', { text: 'nul\u0000' })], 'any')).rejects.toThrow('unsupported Unicode escape');
    await ctx.store.append('gapless-b', [newEvent('C'), newEvent('D')], 'any');

    const positions = (await ctx.store.readAll()).map((e) => Number(e.position));
    expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
  });

  it('wakes a waiting subscriber by NOTIFY, long before its poll interval', async () => {
    const subscriber = new SubscriptionRecorder(ctx.store, await ctx.store.headPosition());
    try {
      const first = newEvent('First');
      await ctx.store.append('notify', [first], 'any');
      await subscriber.waitFor('the first event', (seen) => seen.some((e) => e.id === first.id), 20_000);
      // The subscriber has read past `first` and now waits; with a 60 s poll, only a notification wakes it in time.
      const event = newEvent('Notified');
      await ctx.store.append('notify', [event], 'any');
      await subscriber.waitFor('the notified event', (seen) => seen.some((e) => e.id === event.id), 20_000);
    } finally {
      await subscriber.stop();
    }
  }, 30_000);

  it('still delivers an event whose notification was lost, by polling', async () => {
    const polling = new PostgresEventStore({ pool: ctx.pool, schema: ctx.schema, pollIntervalMs: 200 });
    const subscriber = new SubscriptionRecorder(polling, await polling.headPosition());
    try {
      const first = newEvent('First');
      await polling.append('silent', [first], 'any');
      await subscriber.waitFor('the first event', (seen) => seen.some((e) => e.id === first.id), 20_000);
      const next = Number(await polling.headPosition()) + 1;
      // Written behind the store's back: no NOTIFY is sent.
      await ctx.pool.query(
        `INSERT INTO ${ctx.schema}.events VALUES ($1, 'silent', 1, gen_random_uuid(), 'Silent', '{}', '{}', now(), '', '')`,
        [next],
      );
      await subscriber.waitFor('the silent event', (seen) => seen.some((e) => e.type === 'Silent'), 20_000);
    } finally {
      await subscriber.stop();
    }
  }, 30_000);
});
