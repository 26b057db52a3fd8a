import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validated, quoted schema name: the only identifier we interpolate into SQL. */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new RangeError(`Event store schema must be a lower-case SQL identifier (got "${schema}")`);
  return `"${schema}"`;
}

/** Advisory lock key that serialises appends of one event store (one per schema). A signed 64-bit integer literal. */
export function appendLockKey(schema: string): string {
  return createHash('sha256').update(`event-store-append:${schema}`).digest().readBigInt64BE(0).toString();
}

/** NOTIFY channel woken by each append. Channel names are identifiers, so at most 63 bytes. */
export function notifyChannel(schema: string): string {
  return `${schema}_events`.slice(0, 63);
}

/** Creates the event store tables in `schema`; safe to run any number of times, also concurrently. */
export async function ensureEventStoreSchema(pool: Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  try {
    // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog; a lock makes start-up races harmless.
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${appendLockKey(`${schema}:migrate`)})`);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.events (
        global_position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        revision integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        data_hash text NOT NULL,
        chain_hash text NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE IF NOT EXISTS ${s}.streams (
        stream_id text PRIMARY KEY,
        revision integer NOT NULL
      );`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
