import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';

/**
 * A read-model projection: applies the events it handles inside the runner's transaction.
 * `apply` must be idempotent (skip an event whose revision is not newer than the row's stream_revision).
 * The runner, the rebuild and the as-of replay pass an in-memory EntityManager (rebuild/sandbox-entity-manager.ts),
 * so `apply` may only use what it serves: repositories' findOne / findOneBy / existsBy / insert / update by primary
 * key, and `createQueryBuilder().insert().into(Entity).values(rows).orIgnore().execute()`; anything else fails loudly.
 */
export type Projection = {
  name: string;
  handles: readonly string[];
  apply(event: RecordedEvent, manager: EntityManager): Promise<void>;
};

/** Minimal structured logger the runner reports to; fields end up as JSON properties. */
export type ProjectionLogger = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export type ProjectionProgress = { name: string; position: string; events: number };

export class ProjectionFailedError extends Error {
  constructor(readonly projection: string, readonly event: RecordedEvent, cause: unknown) {
    super(`Projection ${projection} failed on ${event.type} ${event.id} (stream ${event.streamId}@${event.revision}, position ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ProjectionFailedError';
  }
}
