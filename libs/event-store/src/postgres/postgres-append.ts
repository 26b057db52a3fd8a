import type { Pool, PoolClient } from 'pg';
import { assertValidBatch, checkExpectedRevision } from '../expected-revision';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { eventChainHash, eventDataHash } from './event-hash';

export type AppendSql = { schema: string; lockKey: string; channel: string };

type StreamHead = { revision: number | null; chainHash: string; lastPosition: string | null };
type StoredEvent = { id: string; stream_id: string; revision: number; position: string };
type AppendState = { head: StreamHead; existing: StoredEvent[]; storePosition: string };

/**
 * One append transaction. Appends are serialised per store with a transaction-scoped advisory lock taken
 * before global positions are assigned, and held until COMMIT. So positions are handed out in commit order
 * and without gaps: a `$all` reader that has seen position N can never later find a newly committed event
 * below N (which concurrent transactions with a sequence would allow, and the reader would skip it).
 * The counter is max(global_position) read under the lock, so a rolled-back append leaves no hole.
 */
export async function appendInTransaction(
  pool: Pool,
  sql: AppendSql,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  assertValidBatch(streamId, events.map((e) => e.id));
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${sql.lockKey})`);
    const result = await appendLocked(client, sql, streamId, events, expected);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = await rollback(client);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Returns the error when even ROLLBACK fails: that connection must not go back to the pool. */
export async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function appendLocked(
  client: PoolClient,
  sql: AppendSql,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const state = await readState(client, sql.schema, streamId, events.map((e) => e.id));
  const replayed = idempotentResult(streamId, events, state.existing);
  if (replayed) return replayed;
  checkExpectedRevision(streamId, expected, state.head.revision);
  if (state.existing.length > 0) {
    const clash = state.existing[0];
    throw new Error(`Cannot append to ${streamId}: event id ${clash.id} is already stored in ${clash.stream_id} at revision ${clash.revision}`);
  }
  if (events.length === 0) return { nextRevision: state.head.revision ?? -1, position: state.head.lastPosition ?? '0' };
  return insertEvents(client, sql, streamId, events, state);
}

async function readState(client: PoolClient, schema: string, streamId: string, ids: string[]): Promise<AppendState> {
  const { rows } = await client.query<{ head: StreamHead | null; existing: StoredEvent[]; store_position: string }>(
    `SELECT
       (SELECT json_build_object('revision', s.revision, 'chainHash', e.chain_hash, 'lastPosition', e.global_position::text)
          FROM ${schema}.streams s JOIN ${schema}.events e ON e.stream_id = s.stream_id AND e.revision = s.revision
         WHERE s.stream_id = $1) AS head,
       (SELECT coalesce(json_agg(json_build_object('id', event_id, 'stream_id', stream_id, 'revision', revision,
                                                   'position', global_position::text) ORDER BY revision), '[]')
          FROM ${schema}.events WHERE event_id = ANY($2::uuid[])) AS existing,
       (SELECT coalesce(max(global_position), 0)::text FROM ${schema}.events) AS store_position`,
    [streamId, ids],
  );
  const row = rows[0];
  return { head: row.head ?? { revision: null, chainHash: '', lastPosition: null }, existing: row.existing, storePosition: row.store_position };
}

/** Every id of the batch already in this stream: the batch was appended before, answer as the first time. */
function idempotentResult(streamId: string, events: EventToAppend[], existing: StoredEvent[]): AppendResult | null {
  if (events.length === 0 || existing.length !== events.length) return null;
  if (!existing.every((e) => e.stream_id === streamId)) return null;
  const last = existing[existing.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

async function insertEvents(
  client: PoolClient,
  sql: AppendSql,
  streamId: string,
  events: EventToAppend[],
  state: AppendState,
): Promise<AppendResult> {
  const firstRevision = (state.head.revision ?? -1) + 1;
  const firstPosition = BigInt(state.storePosition) + 1n;
  let chainHash = state.head.chainHash;
  const dataHashes: string[] = [];
  const chainHashes: string[] = [];
  for (const event of events) {
    const dataHash = eventDataHash(event);
    chainHash = eventChainHash(chainHash, dataHash);
    dataHashes.push(dataHash);
    chainHashes.push(chainHash);
  }
  const lastRevision = firstRevision + events.length - 1;
  const lastPosition = (firstPosition + BigInt(events.length - 1)).toString();
  await client.query(
    `WITH inserted AS (
       INSERT INTO ${sql.schema}.events
         (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at, data_hash, chain_hash)
       SELECT $1::bigint + n - 1, $2, $3::int + n::int - 1, id, type, data, metadata, clock_timestamp(), data_hash, chain_hash
         FROM unnest($4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
              WITH ORDINALITY AS t(id, type, data, metadata, data_hash, chain_hash, n)
       RETURNING 1
     ), head AS (
       INSERT INTO ${sql.schema}.streams (stream_id, revision) VALUES ($2, $10)
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
     )
     SELECT pg_notify($11, $12), (SELECT count(*) FROM inserted) AS inserted`,
    [
      firstPosition.toString(), streamId, firstRevision,
      events.map((e) => e.id), events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata)),
      dataHashes, chainHashes, lastRevision, sql.channel, lastPosition,
    ],
  );
  return { nextRevision: lastRevision, position: lastPosition };
}
