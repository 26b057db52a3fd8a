import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';

/**
 * A read-model projection: applies the events it handles inside the runner's transaction.
 * `apply` must be idempotent (skip an event whose revision is not newer than the row's stream_revision).
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
