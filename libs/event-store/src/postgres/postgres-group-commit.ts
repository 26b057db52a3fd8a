import type { Pool } from 'pg';
import { assertValidBatch } from '../expected-revision';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import type { AppendOutcome, AppendRequest } from './append-plan';
import { type AppendSql, appendGroupInTransaction } from './postgres-append';

type PendingAppend = AppendRequest & {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit. Appends are serialised under one advisory lock held until COMMIT (see postgres-append.ts), so one
 * transaction per append caps a store at one fsync per append. Instead, the appends that arrive while a transaction
 * commits wait in a queue and go together into the next transaction: one lock, one fsync for the whole group.
 * The whole group costs the same few statements as one append (postgres-append.ts). Each append keeps its own
 * expected-revision check (decided under the lock, seeing the earlier appends of the group); its outcome is
 * delivered only after the group has committed. If the group fails on a database error, each of its
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
      this.settle(item, (await appendGroupInTransaction(this.pool, this.sql, [item]))[0]);
    } catch (error) {
      item.reject(error);
    }
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await appendGroupInTransaction(this.pool, this.sql, group);
    } catch {
      for (const item of group) await this.appendAlone(item);
      return;
    }
    group.forEach((item, i) => this.settle(item, outcomes[i]));
  }

  private settle(item: PendingAppend, outcome: AppendOutcome): void {
    if ('ok' in outcome) item.resolve(outcome.ok);
    else item.reject(outcome.error);
  }
}
