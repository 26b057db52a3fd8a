import type { RecordedEvent } from '@cp/contracts';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeAllOptions } from './event-store.port';

export type EventVersioning = {
  /** Brings a stored event to the current shape of its type (libs/domain upcasting). */
  upcast(event: RecordedEvent): RecordedEvent;
  /** The schema version writers produce today for a type. */
  currentVersion(type: string): number;
};

/**
 * An EventStore that upcasts every event it reads and stamps every event it appends with the current schema version
 * of its type, so readers only ever see current shapes and no writer can store a shape under the wrong version.
 * The stored rows (and their hash chain) stay exactly as written.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly versioning: EventVersioning,
  ) {}

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const stamped = events.map((event) => ({ ...event, metadata: { ...event.metadata, schemaVersion: this.versioning.currentVersion(event.type) } }));
    return this.inner.append(streamId, stamped, expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.versioning.upcast(event));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.versioning.upcast(event));
  }

  async *subscribeAll(options?: SubscribeAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.subscribeAll(options)) yield this.versioning.upcast(event);
  }

  headPosition(): Promise<string | null> {
    return this.inner.headPosition();
  }

  comparePositions(a: string, b: string): number {
    return this.inner.comparePositions(a, b);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
