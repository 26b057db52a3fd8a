import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { WrongExpectedRevisionError } from '../event-store.port';
import { newEvent } from '../testing/contract-helpers';
import { PostgresEventStore } from './postgres-event-store';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Appends issued together share one transaction (group commit); each keeps its own outcome. */
describe('PostgreSQL event store group commit', () => {
  const schema = `es_group_${randomBytes(6).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  const store = new PostgresEventStore({ pool, schema });
  beforeAll(() => store.migrate());
  afterAll(async () => {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('gives each of many concurrent appends its own result and gapless positions', async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => store.append(`group-${i % 30}`, [newEvent('E')], 'any')));
    const positions = results.map((r) => BigInt(r.position)).sort((a, b) => (a < b ? -1 : 1));
    expect(new Set(positions.map(String)).size).toBe(300);
    expect(positions[positions.length - 1] - positions[0]).toBe(299n);
    const revisions = await Promise.all(Array.from({ length: 30 }, (_, i) => store.readStream(`group-${i}`)));
    expect(revisions.map((events) => events.map((e) => e.revision))).toEqual(Array.from({ length: 30 }, () => Array.from({ length: 10 }, (_, r) => r)));
  });

  it('fails only the append whose expected revision is wrong', async () => {
    await store.append('conflict', [newEvent('First')], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('conflict', [newEvent('Second')], 0),
      store.append('conflict', [newEvent('Stale')], 0),
      store.append('bystander', [newEvent('Other')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream('conflict')).map((e) => e.type)).toEqual(['First', 'Second']);
  });

  it('does not let an append the database refuses fail the others of its group', async () => {
    // PostgreSQL's jsonb refuses the NUL character: that append fails on the database, inside the shared transaction.
    const poisoned = { ...newEvent('Poisoned'), data: { text: 'nul \u0000 here' } };
    const outcomes = await Promise.allSettled([
      store.append('before-poison', [newEvent('Ok')], 'no_stream'),
      store.append('poison', [poisoned], 'no_stream'),
      store.append('after-poison', [newEvent('Ok')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.readStream('poison')).toEqual([]);
    expect(await store.readStream('after-poison')).toHaveLength(1);
  });
});
