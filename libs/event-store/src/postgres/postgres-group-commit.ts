import type { Pool } from 'pg';
import { assertValidBatch } from '../expected-revision';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { type AppendSql, appendInTransaction, appendLocked, rollback } from './postgres-append';

type PendingAppend = {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit. Appends are serialised under one advisory lock held until COMMIT (see postgres-append.ts), so one
 * transaction per append caps a store at one fsync per append. Instead, the appends that arrive while a transaction
 * commits wait in a queue and go together into the next transaction: one lock, one fsync for the whole group.
 * Each append keeps its own expected-revision check (run under the lock, seeing the earlier appends of the group);
 * its outcome is delivered only after the group has committed. If the group fails on a database error, each of its
 * appends is retried alone, so one bad append can never fail the others.
 */
export class GroupCommitAppender {
  private readonly queue: PendingAppend[] = [];
  private draining = false;

  constructor(
    private readonly pool: Pool,
    private readonly sql: AppendSql,
    private readonly maxGroupSize = 200,
  ) {}

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      assertValidBatch(streamId, events.map((e) => e.id));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroupSize);
        if (group.length === 1) await this.appendAlone(group[0]);
        else await this.commitGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async appendAlone(item: PendingAppend): Promise<void> {
    try {
      item.resolve(await appendInTransaction(this.pool, this.sql, item.streamId, item.events, item.expected));
    } catch (error) {
      item.reject(error);
    }
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let outcomes: ({ ok: AppendResult } | { error: unknown })[];
    try {
      outcomes = await this.runGroup(group);
    } catch {
      for (const item of group) await this.appendAlone(item);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) item.resolve(outcome.ok);
      else item.reject(outcome.error);
    });
  }

  /** Rejections decided before any write (wrong revision, id clash) stay per append; anything else fails the group. */
  private async runGroup(group: PendingAppend[]): Promise<({ ok: AppendResult } | { error: unknown })[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${this.sql.lockKey})`);
      const outcomes: ({ ok: AppendResult } | { error: unknown })[] = [];
      for (const item of group) {
        try {
          outcomes.push({ ok: await appendLocked(client, this.sql, item.streamId, item.events, item.expected) });
        } catch (error) {
          if (isDatabaseError(error)) throw error;
          outcomes.push({ error });
        }
      }
      await client.query('COMMIT');
      return outcomes;
    } catch (error) {
      broken = await rollback(client);
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** pg errors carry a SQLSTATE `code`; the decisions appendLocked makes itself are plain Errors without one. */
function isDatabaseError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
