import type { RecordedEvent } from '@cp/contracts';
import { EventStoreDBClient, excludeSystemEvents, START } from '@eventstore/db-client';
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
import { appendToEventStoreDb } from './eventstoredb-append';
import { commitOf, isStoreEvent, toReadPosition, toRecordedEvent } from './eventstoredb-mapping';
import { readAllAfter, readHeadPosition } from './eventstoredb-reads';
import { readStreamEvents } from './eventstoredb-stream';

/** The event store port over EventStoreDB (gRPC client v6). Positions are `$all` commit positions. */
export class EventStoreDbEventStore implements EventStore {
  constructor(private readonly client: EventStoreDBClient) {}

  /** e.g. `esdb://localhost:2113?tls=false` */
  static fromConnectionString(url: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url));
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidExpectedRevision(expected);
    return appendToEventStoreDb(this.client, streamId, events, expected);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStreamEvents(this.client, streamId, options);
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return readAllAfter(this.client, options.after ?? null, options.maxCount ?? Number.POSITIVE_INFINITY);
  }

  async *subscribeAll(options: SubscribeAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const { signal } = options;
    const after = options.after ?? null;
    const floor = after === null ? -1n : parsePosition(after);
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === null ? START : toReadPosition(after),
      filter: excludeSystemEvents(),
    });
    const stop = (): void => void subscription.unsubscribe().catch(() => undefined);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal?.aborted) return;
        const commit = commitOf(resolved);
        if (!isStoreEvent(resolved) || commit === null || commit <= floor) continue;
        yield toRecordedEvent(resolved);
      }
    } catch (error) {
      if (!signal?.aborted) throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  headPosition(): Promise<string | null> {
    return readHeadPosition(this.client);
  }

  comparePositions(a: string, b: string): number {
    return compareDecimalPositions(a, b);
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}
