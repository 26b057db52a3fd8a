import type { Pool, PoolClient } from 'pg';
import { type AppendOutcome, type AppendPlan, type AppendRequest, type GroupState, type StoredEvent, type StreamHead, planAppends } from './append-plan';

export type AppendSql = { schema: string; lockKey: string; channel: string };

/**
 * Several appends in one transaction, in a fixed number of statements whatever the group's size: take the lock,
 * read the state of every stream and event id of the group in one query, decide each append in memory (see
 * append-plan.ts), write all accepted events and stream heads in one statement. A rejected append is an outcome;
 * a database error fails (and rolls back) the whole group.
 *
 * Appends are serialised per store with this transaction-scoped advisory lock, taken before global positions are
 * assigned and held until COMMIT. So positions are handed out in commit order and without gaps: a `$all` reader that
 * has seen position N can never later find a newly committed event below N (which concurrent transactions with a
 * sequence would allow, and the reader would skip it). The counter is max(global_position) read under the lock, so a
 * rolled-back append leaves no hole.
 */
export async function appendGroupInTransaction(pool: Pool, sql: AppendSql, requests: AppendRequest[]): Promise<AppendOutcome[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${sql.lockKey})`);
    const plan = planAppends(requests, await readGroupState(client, sql.schema, requests));
    if (plan.rows.length > 0) await insertPlan(client, sql, plan);
    await client.query('COMMIT');
    return plan.outcomes;
  } catch (error) {
    broken = await rollback(client);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Returns the error when even ROLLBACK fails: that connection must not go back to the pool. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function readGroupState(client: PoolClient, schema: string, requests: AppendRequest[]): Promise<GroupState> {
  const streamIds = [...new Set(requests.map((r) => r.streamId))];
  const eventIds = requests.flatMap((r) => r.events.map((e) => e.id));
  const { rows } = await client.query<{ heads: (StreamHead & { streamId: string })[]; stored: StoredEvent[]; store_position: string }>(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('streamId', s.stream_id, 'revision', s.revision,
                                                   'chainHash', e.chain_hash, 'lastPosition', e.global_position::text)), '[]')
          FROM ${schema}.streams s JOIN ${schema}.events e ON e.stream_id = s.stream_id AND e.revision = s.revision
         WHERE s.stream_id = ANY($1::text[])) AS heads,
       (SELECT coalesce(json_agg(json_build_object('id', event_id, 'streamId', stream_id, 'revision', revision,
                                                   'position', global_position::text)), '[]')
          FROM ${schema}.events WHERE event_id = ANY($2::uuid[])) AS stored,
       (SELECT coalesce(max(global_position), 0)::text FROM ${schema}.events) AS store_position`,
    [streamIds, eventIds],
  );
  const row = rows[0];
  return {
    heads: new Map(row.heads.map(({ streamId, ...head }) => [streamId, head])),
    stored: new Map(row.stored.map((e) => [e.id.toLowerCase(), e])),
    storePosition: BigInt(row.store_position),
  };
}

/** All events of the group, the new stream heads and one wake-up for subscribers, in one statement. */
async function insertPlan(client: PoolClient, sql: AppendSql, plan: AppendPlan): Promise<void> {
  const { rows } = plan;
  await client.query(
    `WITH inserted AS (
       INSERT INTO ${sql.schema}.events
         (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at, data_hash, chain_hash)
       SELECT position, stream_id, revision, id, type, data, metadata, clock_timestamp(), data_hash, chain_hash
         FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
              AS t(position, stream_id, revision, id, type, data, metadata, data_hash, chain_hash)
       RETURNING 1
     ), heads AS (
       INSERT INTO ${sql.schema}.streams (stream_id, revision)
       SELECT * FROM unnest($10::text[], $11::int[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
     )
     SELECT pg_notify($12, $13), (SELECT count(*) FROM inserted) AS inserted`,
    [
      rows.map((r) => r.position), rows.map((r) => r.streamId), rows.map((r) => r.revision), rows.map((r) => r.id),
      rows.map((r) => r.type), rows.map((r) => r.data), rows.map((r) => r.metadata), rows.map((r) => r.dataHash),
      rows.map((r) => r.chainHash), [...plan.heads.keys()], [...plan.heads.values()], sql.channel, rows[rows.length - 1].position,
    ],
  );
}
