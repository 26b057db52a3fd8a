import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { type AppendResult, WrongExpectedRevisionError } from '../event-store.port';
import { newEvent } from '../testing/contract-helpers';
import { PostgresEventStore } from './postgres-event-store';
import { verifyStreamChain } from './verify-stream-chain';

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

  let groups = 0;
  type GroupRun = { outcomes: PromiseSettledResult<AppendResult>[]; transactions: number };
  /**
   * Runs `appends` as one group: they are queued while a lone leading append commits, so they all go into the next
   * transaction together (fewer than the group size limit). Resolves to their outcomes, in order, and the number of
   * transactions that stored their events (1 unless the group failed and its appends were retried alone).
   */
  async function inOneGroup(appends: (() => Promise<AppendResult>)[]): Promise<GroupRun> {
    const leader = store.append(`leader-${++groups}`, [newEvent('Lead')], 'no_stream');
    const outcomes = Promise.allSettled(appends.map((append) => append()));
    const { position } = await leader;
    return { outcomes: await outcomes, transactions: await transactionsAfter(position) };
  }

  async function transactionsAfter(position: string): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(DISTINCT xmin::text)::int AS n FROM ${schema}.events WHERE global_position > $1`, [position]);
    return rows[0].n;
  }

  const statusOf = (outcomes: PromiseSettledResult<unknown>[]): string[] => outcomes.map((o) => o.status);
  const reasonOf = (outcome: PromiseSettledResult<unknown>): unknown => (outcome as PromiseRejectedResult).reason;
  const valueOf = <T>(outcome: PromiseSettledResult<T>): T => (outcome as PromiseFulfilledResult<T>).value;

  it('commits the appends of a group in one transaction', async () => {
    const { outcomes, transactions } = await inOneGroup(Array.from({ length: 20 }, (_, i) => () => store.append(`one-tx-${i}`, [newEvent('E'), newEvent('F')], 'no_stream')));
    expect(statusOf(outcomes)).toEqual(Array.from({ length: 20 }, () => 'fulfilled'));
    expect(transactions).toBe(1);
    expect(await store.readAll({ after: valueOf(outcomes[0]).position, maxCount: 100 })).toHaveLength(38);
  });

  it('gives the events of each append of a group consecutive positions, in queue order, without gaps', async () => {
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('positions-a', [newEvent('A1'), newEvent('A2'), newEvent('A3')], 'no_stream'),
      () => store.append('positions-b', [newEvent('B1')], 'no_stream'),
      () => store.append('positions-a', [newEvent('A4'), newEvent('A5')], 2),
    ]);
    expect(transactions).toBe(1);
    const [a, b, a2] = outcomes.map((o) => BigInt(valueOf(o).position));
    expect([b - a, a2 - b]).toEqual([1n, 2n]);
    const all = await store.readAll({ after: (a - 3n).toString(), maxCount: 6 });
    expect(all.map((e) => [e.type, e.revision])).toEqual([['A1', 0], ['A2', 1], ['A3', 2], ['B1', 0], ['A4', 3], ['A5', 4]]);
    expect(all.map((e) => BigInt(e.position) - (a - 2n))).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
  });

  it('lets a later append of a group see the new head of a stream an earlier one wrote, and keeps its hash chain', async () => {
    await store.append('chained', [newEvent('Created')], 'no_stream');
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('chained', [newEvent('First')], 0),
      () => store.append('chained', [newEvent('Second'), newEvent('Third')], 1),
      () => store.append('chained', [newEvent('Stale')], 1),
      () => store.append('chained', [newEvent('Fourth')], 'stream_exists'),
    ]);
    expect(statusOf(outcomes)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(transactions).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => valueOf(o).nextRevision)).toEqual([1, 3, 4]);
    expect(reasonOf(outcomes[2])).toEqual(new WrongExpectedRevisionError('chained', 1, 3));
    expect((await store.readStream('chained')).map((e) => e.type)).toEqual(['Created', 'First', 'Second', 'Third', 'Fourth']);
    expect(await verifyStreamChain(pool, schema, 'chained')).toEqual({ intact: true, checked: 5, firstBrokenRevision: null, reason: null });
  });

  it('leaves a stream as it was for the next append of the group when the first append to it is rejected', async () => {
    await store.append('rejected-first', [newEvent('Created')], 'no_stream');
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('rejected-first', [newEvent('Stale')], 5),
      () => store.append('rejected-first', [newEvent('Next')], 0),
      () => store.append('new-after-rejection', [newEvent('Stale')], 0),
      () => store.append('new-after-rejection', [newEvent('Created')], 'no_stream'),
    ]);
    expect(statusOf(outcomes)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(transactions).toBe(1);
    expect(reasonOf(outcomes[0])).toEqual(new WrongExpectedRevisionError('rejected-first', 5, 0));
    expect(reasonOf(outcomes[2])).toEqual(new WrongExpectedRevisionError('new-after-rejection', 0, 'no_stream'));
    expect(valueOf(outcomes[1]).nextRevision).toBe(1);
    expect(valueOf(outcomes[3]).nextRevision).toBe(0);
    expect((await store.readStream('rejected-first')).map((e) => e.type)).toEqual(['Created', 'Next']);
    expect((await store.readStream('new-after-rejection')).map((e) => e.type)).toEqual(['Created']);
    expect(await verifyStreamChain(pool, schema, 'rejected-first')).toMatchObject({ intact: true, checked: 2 });
  });

  it('answers the replay of an append made earlier in the same group as the first time, without storing it twice', async () => {
    const batch = [newEvent('One'), newEvent('Two')];
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('replayed', batch, 'no_stream'),
      () => store.append('other', [newEvent('Between')], 'no_stream'),
      () => store.append('replayed', batch.map((e) => ({ ...e, id: e.id.toUpperCase() })), 'no_stream'),
    ]);
    expect(statusOf(outcomes)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(transactions).toBe(1);
    expect(valueOf(outcomes[2])).toEqual(valueOf(outcomes[0]));
    expect(valueOf(outcomes[0]).nextRevision).toBe(1);
    expect((await store.readStream('replayed')).map((e) => e.type)).toEqual(['One', 'Two']);
  });

  it('rejects an append of a group whose event id an earlier append of the group stored, as a clash', async () => {
    const shared = newEvent('Shared');
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('clash-first', [shared], 'no_stream'),
      () => store.append('clash-second', [newEvent('Own'), shared], 'no_stream'),
      () => store.append('clash-first', [newEvent('Own'), shared], 0),
      () => store.append('clash-third', [newEvent('Unrelated')], 'no_stream'),
    ]);
    expect(statusOf(outcomes)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(transactions).toBe(1);
    expect(String(reasonOf(outcomes[1]))).toContain(`event id ${shared.id} is already stored in clash-first at revision 0`);
    expect(String(reasonOf(outcomes[2]))).toContain(`event id ${shared.id} is already stored in clash-first at revision 0`);
    expect(await store.readStream('clash-second')).toEqual([]);
    expect((await store.readStream('clash-first')).map((e) => e.type)).toEqual(['Shared']);
  });

  it('retries the appends of a group the database refused alone, in queue order', async () => {
    const poisoned = { ...newEvent('Poisoned'), data: { text: 'nul \u0000 here' } };
    const { outcomes, transactions } = await inOneGroup([
      () => store.append('retried', [newEvent('Created')], 'no_stream'),
      () => store.append('retried-poison', [poisoned], 'no_stream'),
      () => store.append('retried', [newEvent('Updated')], 0),
      () => store.append('retried', [newEvent('Stale')], 0),
    ]);
    expect(statusOf(outcomes)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(reasonOf(outcomes[3])).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream('retried')).map((e) => e.type)).toEqual(['Created', 'Updated']);
    expect(transactions).toBe(2);
    expect(await verifyStreamChain(pool, schema, 'retried')).toMatchObject({ intact: true, checked: 2 });
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
