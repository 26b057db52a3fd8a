import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { newEvent } from '../testing/contract-helpers';
import { eventChainHash, eventDataHash } from './event-hash';
import { PostgresEventStore } from './postgres-event-store';
import { verifyStreamChain } from './verify-stream-chain';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('verifyStreamChain', () => {
  const schema = `es_chain_${randomBytes(6).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const store = new PostgresEventStore({ pool, schema });
  const stream = (name: string): string => `job-${name}`;

  beforeAll(() => store.migrate());
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  async function givenStream(name: string): Promise<string> {
    await store.append(stream(name), [newEvent('JobCreated', { name: 'a' }), newEvent('JobEnabled')], 'no_stream');
    await store.append(stream(name), [newEvent('JobUpdated', { name: 'b' })], 1);
    return stream(name);
  }

  it('reports an untouched stream as intact', async () => {
    const id = await givenStream('intact');
    expect(await verifyStreamChain(pool, schema, id)).toEqual({ intact: true, checked: 3, firstBrokenRevision: null, reason: null });
  });

  it('reports a stream that does not exist as intact and empty', async () => {
    expect(await verifyStreamChain(pool, schema, stream('missing'))).toEqual({ intact: true, checked: 0, firstBrokenRevision: null, reason: null });
  });

  it('finds data changed directly in SQL, at the changed revision', async () => {
    const id = await givenStream('edited');
    await pool.query(`UPDATE ${schema}.events SET data = '{"name":"forged"}' WHERE stream_id = $1 AND revision = 1`, [id]);

    const report = await verifyStreamChain(pool, schema, id);

    expect(report).toMatchObject({ intact: false, checked: 2, firstBrokenRevision: 1 });
    expect(report.reason).toContain('revision 1');
  });

  it('finds an edit whose data hash was recomputed, through the chain', async () => {
    const id = await givenStream('rehashed');
    const forged = { type: 'JobUpdated', data: { name: 'forged' }, metadata: (await store.readStream(id, { fromRevision: 2 }))[0].metadata };
    await pool.query(`UPDATE ${schema}.events SET data = $2, data_hash = $3 WHERE stream_id = $1 AND revision = 2`, [id, forged.data, eventDataHash(forged)]);

    const report = await verifyStreamChain(pool, schema, id);

    expect(report).toMatchObject({ intact: false, firstBrokenRevision: 2 });
    expect(report.reason).toContain('chain_hash');
  });

  it('finds a deleted event in the middle and at the end', async () => {
    const middle = await givenStream('gap');
    const end = await givenStream('truncated');
    await pool.query(`DELETE FROM ${schema}.events WHERE stream_id = $1 AND revision = 1`, [middle]);
    await pool.query(`DELETE FROM ${schema}.events WHERE stream_id = $1 AND revision = 2`, [end]);

    expect(await verifyStreamChain(pool, schema, middle)).toMatchObject({ intact: false, firstBrokenRevision: 1 });
    expect(await verifyStreamChain(pool, schema, end)).toMatchObject({ intact: false, firstBrokenRevision: 2 });
  });

  it('chains each event to the previous one of its stream', async () => {
    const id = await givenStream('chained');
    const { rows } = await pool.query(`SELECT data_hash, chain_hash FROM ${schema}.events WHERE stream_id = $1 ORDER BY revision`, [id]);
    expect(rows[0].chain_hash).toBe(eventChainHash('', rows[0].data_hash));
    expect(rows[1].chain_hash).toBe(eventChainHash(rows[0].chain_hash, rows[1].data_hash));
  });
});
