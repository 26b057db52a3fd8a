import { EventLoopTurnBatch } from '@cp/config';
import type { RecordedEvent } from '@cp/contracts';
import type { Pool } from 'pg';
import type { ReadStreamOptions } from '../event-store.port';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './postgres-rows';

type StreamRead = { streamId: string; backwards: boolean; from: number; maxCount: number | null };
type PendingRead = StreamRead & { resolve: (events: RecordedEvent[]) => void; reject: (error: unknown) => void };

const LAST_REVISION = 2147483647;

/**
 * Stream reads, coalesced: the reads asked for in the same turn of the event loop go to PostgreSQL as one query
 * (a busy service reads many streams at once, e.g. the job and the execution of each trigger), so a burst costs one
 * round trip instead of one per stream. A read alone keeps its plain single-stream query.
 */
export class StreamReads {
  private readonly batch = new EventLoopTurnBatch<PendingRead>((reads) => this.flush(reads));

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly maxReadsPerQuery = 100,
  ) {}

  read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read: StreamRead = { streamId, backwards, from: options.fromRevision ?? (backwards ? LAST_REVISION : 0), maxCount: options.maxCount ?? null };
    return new Promise((resolve, reject) => this.batch.add({ ...read, resolve, reject }));
  }

  private flush(reads: PendingRead[]): void {
    for (let i = 0; i < reads.length; i += this.maxReadsPerQuery) {
      const chunk = reads.slice(i, i + this.maxReadsPerQuery);
      const run = chunk.length === 1 ? this.readOne(chunk[0]).then((events) => [events]) : this.readMany(chunk);
      run.then(
        (results) => chunk.forEach((read, k) => read.resolve(results[k])),
        (error: unknown) => chunk.forEach((read) => read.reject(error)),
      );
    }
  }

  private async readOne(read: StreamRead): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
        WHERE stream_id = $1 AND revision ${read.backwards ? '<=' : '>='} $2
        ORDER BY revision ${read.backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [read.streamId, read.from, read.maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  /** One query for many reads: each read is a row of the `wanted` list, answered by an index scan of its own. */
  private async readMany(reads: StreamRead[]): Promise<RecordedEvent[][]> {
    const { rows } = await this.pool.query<EventRow & { read_index: string }>(
      `SELECT w.i::text AS read_index, e.*
         FROM unnest($1::text[], $2::bool[], $3::int[], $4::int[]) WITH ORDINALITY AS w(stream_id, backwards, from_revision, max_count, i)
         CROSS JOIN LATERAL (
           (SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
             WHERE NOT w.backwards AND stream_id = w.stream_id AND revision >= w.from_revision
             ORDER BY revision ASC LIMIT w.max_count)
           UNION ALL
           (SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
             WHERE w.backwards AND stream_id = w.stream_id AND revision <= w.from_revision
             ORDER BY revision DESC LIMIT w.max_count)
         ) e
        ORDER BY w.i, CASE WHEN w.backwards THEN -e.revision ELSE e.revision END`,
      [reads.map((r) => r.streamId), reads.map((r) => r.backwards), reads.map((r) => r.from), reads.map((r) => r.maxCount)],
    );
    const results: RecordedEvent[][] = reads.map(() => []);
    for (const row of rows) results[Number(row.read_index) - 1].push(toRecordedEvent(row));
    return results;
  }
}
