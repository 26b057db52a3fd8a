/** Shared by the rebuild and as-of benchmarks: loading large histories fast, percentiles. */
import type { Pool } from 'pg';
import { eventChainHash, eventDataHash, type EventToAppend } from '@cp/event-store';
import type { SyntheticAppend } from '@cp/read-model';

const ROWS_PER_INSERT = 5000;

/**
 * Writes appends straight into the PostgreSQL event store tables (hashes and chain computed as the store does),
 * far faster than one append() per stream. recorded_at follows the events' occurredAt but never goes back, as the
 * store's own clock under its append lock does (the as-of replay relies on that). Benchmark set-up only: the store
 * itself is proven by its contract tests.
 */
export async function bulkLoad(pool: Pool, schema: string, appends: Iterable<SyntheticAppend>, onProgress?: (events: number) => void): Promise<number> {
  const heads = new Map<string, { revision: number; chain: string }>();
  let rows: unknown[][] = [];
  let position = 0;
  let recordedAt = '';
  for (const append of appends) {
    for (const event of append.events) {
      recordedAt = event.metadata.occurredAt > recordedAt ? event.metadata.occurredAt : recordedAt;
      const head = heads.get(append.streamId) ?? { revision: -1, chain: '' };
      const dataHash = eventDataHash(event);
      const next = { revision: head.revision + 1, chain: eventChainHash(head.chain, dataHash) };
      heads.set(append.streamId, next);
      rows.push(row(++position, append.streamId, next.revision, event, dataHash, next.chain, recordedAt));
      if (rows.length === ROWS_PER_INSERT) {
        await insertRows(pool, schema, rows);
        rows = [];
        onProgress?.(position);
      }
    }
  }
  if (rows.length > 0) await insertRows(pool, schema, rows);
  await insertHeads(pool, schema, heads);
  return position;
}

function row(position: number, streamId: string, revision: number, event: EventToAppend, dataHash: string, chainHash: string, recordedAt: string): unknown[] {
  return [position, streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt, dataHash, chainHash];
}

async function insertRows(pool: Pool, schema: string, rows: unknown[][]): Promise<void> {
  const column = (index: number) => rows.map((r) => r[index]);
  await pool.query(
    `INSERT INTO "${schema}".events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at, data_hash, chain_hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::text[], $10::text[])`,
    Array.from({ length: 10 }, (_, index) => column(index)),
  );
}

async function insertHeads(pool: Pool, schema: string, heads: Map<string, { revision: number }>): Promise<void> {
  const entries = [...heads.entries()];
  for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
    const chunk = entries.slice(start, start + ROWS_PER_INSERT);
    await pool.query(`INSERT INTO "${schema}".streams (stream_id, revision) SELECT * FROM unnest($1::text[], $2::int[])`, [chunk.map(([id]) => id), chunk.map(([, head]) => head.revision)]);
  }
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}
