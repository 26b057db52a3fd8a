import type { RecordedEvent } from '@cp/contracts';
import type { Pool } from 'pg';
import { assertValidExpectedRevision } from '../expected-revision';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeAllOptions,
} from '../event-store.port';
import { compareDecimalPositions, parsePosition } from '../positions';
import type { AppendSql } from './postgres-append';
import { GroupCommitAppender } from './postgres-group-commit';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './postgres-rows';
import { appendLockKey, ensureEventStoreSchema, notifyChannel, quoteSchema } from './postgres-schema';
import { StreamReads } from './postgres-stream-reads';
import { followAll } from './postgres-subscription';

export type PostgresEventStoreOptions = {
  pool: Pool;
  schema: string;
  /** Events read per query while a subscription catches up. Default 500. */
  subscriptionBatchSize?: number;
  /** Longest wait for new events when a notification is lost. Default 1000 ms. */
  pollIntervalMs?: number;
};

/** The default event store: tables `events` and `streams` in one PostgreSQL schema, read and written with `pg`. */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly schema: string;
  private readonly sql: AppendSql;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly appender: GroupCommitAppender;
  private readonly streamReads: StreamReads;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.schema = options.schema;
    this.sql = { schema: quoteSchema(options.schema), lockKey: appendLockKey(options.schema), channel: notifyChannel(options.schema) };
    this.batchSize = options.subscriptionBatchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.appender = new GroupCommitAppender(this.pool, this.sql);
    this.streamReads = new StreamReads(this.pool, this.sql.schema);
  }

  /** Creates the schema and tables if they are missing (idempotent). */
  migrate(): Promise<void> {
    return ensureEventStoreSchema(this.pool, this.schema);
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidExpectedRevision(expected);
    return this.appender.append(streamId, events, expected);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.streamReads.read(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after == null ? '0' : parsePosition(options.after).toString();
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.sql.schema}.events
        WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [after, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.after != null) parsePosition(options.after);
    const deps = {
      pool: this.pool,
      channel: this.sql.channel,
      readAfter: (after: string | null, maxCount: number) => this.readAll({ after, maxCount }),
      batchSize: this.batchSize,
      pollIntervalMs: this.pollIntervalMs,
    };
    return followAll(deps, options);
  }

  async headPosition(): Promise<string | null> {
    const { rows } = await this.pool.query<{ head: string | null }>(
      `SELECT max(global_position)::text AS head FROM ${this.sql.schema}.events`,
    );
    return rows[0].head;
  }

  comparePositions(a: string, b: string): number {
    return compareDecimalPositions(a, b);
  }

  /** The pool belongs to the caller, who ends it; nothing else is held between calls. */
  async close(): Promise<void> {
    return undefined;
  }
}
