import type { EventMetadata, RecordedEvent } from '@cp/contracts';

/**
 * The event store port (DESIGN.md §4). Two adapters implement it: PostgreSQL (default) and EventStoreDB.
 *
 * Positions are opaque strings ordered by `comparePositions`; for PostgreSQL they are decimal integers,
 * for EventStoreDB the commit position. Revisions are 0-based stream versions.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export type EventToAppend = {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
};

export type AppendResult = {
  /** Revision of the last event in the stream after the append. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: string;
};

export type ReadStreamOptions = {
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
};

export type ReadAllOptions = {
  /** Exclusive: events strictly after this position. `null` or omitted means from the start. */
  after?: string | null;
  maxCount?: number;
};

export type SubscribeAllOptions = {
  /** Exclusive checkpoint, as stored by the subscriber. */
  after?: string | null;
  signal?: AbortSignal;
};

export interface EventStore {
  /**
   * Appends atomically. Throws WrongExpectedRevisionError on a revision mismatch, unless every event id
   * is already in the stream (an idempotent re-append), in which case it returns the original result.
   */
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Returns [] for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: every event after the checkpoint, in order, then live ones, until the signal aborts. */
  subscribeAll(options?: SubscribeAllOptions): AsyncIterable<RecordedEvent>;
  /** The position of the newest committed event, or null when the store is empty. */
  headPosition(): Promise<string | null>;
  comparePositions(a: string, b: string): number;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Wrong expected revision for stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');
