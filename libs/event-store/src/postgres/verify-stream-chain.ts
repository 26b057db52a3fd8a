import type { Pool } from 'pg';
import { eventChainHash, eventDataHash } from './event-hash';
import { quoteSchema } from './postgres-schema';

export type StreamChainReport = {
  intact: boolean;
  /** Events examined, including the first broken one. */
  checked: number;
  firstBrokenRevision: number | null;
  reason: string | null;
};

type ChainRow = { revision: number; type: string; data: unknown; metadata: unknown; data_hash: string; chain_hash: string };

const PAGE = 1000;

/**
 * Recomputes every event's data hash and the hash chain of one stream, oldest first, and reports the first
 * event whose stored content, hashes or revision sequence do not add up. Detects edits made directly in SQL;
 * someone rewriting every hash from the edit onwards is only caught by comparing with a copy kept elsewhere.
 */
export async function verifyStreamChain(pool: Pool, schema: string, streamId: string): Promise<StreamChainReport> {
  const s = quoteSchema(schema);
  let previousChain = '';
  let expectedRevision = 0;
  for (;;) {
    const { rows } = await pool.query<ChainRow>(
      `SELECT revision, type, data, metadata, data_hash, chain_hash FROM ${s}.events
        WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT ${PAGE}`,
      [streamId, expectedRevision],
    );
    for (const row of rows) {
      const problem = checkRow(row, expectedRevision, previousChain);
      if (problem) return broken(expectedRevision + 1, expectedRevision, problem);
      previousChain = row.chain_hash;
      expectedRevision += 1;
    }
    if (rows.length < PAGE) break;
  }
  return checkHead(pool, s, streamId, expectedRevision);
}

function checkRow(row: ChainRow, expectedRevision: number, previousChain: string): string | null {
  if (row.revision !== expectedRevision) return `revision ${expectedRevision} is missing (next stored revision is ${row.revision})`;
  const dataHash = eventDataHash(row);
  if (dataHash !== row.data_hash) return `type, data or metadata of revision ${row.revision} no longer match its data_hash`;
  if (eventChainHash(previousChain, dataHash) !== row.chain_hash) {
    return `chain_hash of revision ${row.revision} does not follow from the previous event's chain_hash and its data_hash`;
  }
  return null;
}

/** Deleted trailing events leave no gap in the chain, but the streams table still remembers the head. */
async function checkHead(pool: Pool, s: string, streamId: string, count: number): Promise<StreamChainReport> {
  const { rows } = await pool.query<{ revision: number }>(`SELECT revision FROM ${s}.streams WHERE stream_id = $1`, [streamId]);
  const head = rows[0]?.revision ?? null;
  const lastStored = count - 1;
  if (head === null && count === 0) return { intact: true, checked: 0, firstBrokenRevision: null, reason: null };
  if (head !== lastStored) {
    const reason = head === null
      ? `stream ${streamId} has ${count} events but no entry in the streams table`
      : `the streams table says the last revision is ${head}, but the last stored event is revision ${lastStored}`;
    return broken(count, Math.min(head ?? lastStored, lastStored) + 1, reason);
  }
  return { intact: true, checked: count, firstBrokenRevision: null, reason: null };
}

function broken(checked: number, revision: number, reason: string): StreamChainReport {
  return { intact: false, checked, firstBrokenRevision: revision, reason };
}
