import type { RecordedEvent } from '@cp/contracts';
import { BACKWARDS, END, type EventStoreDBClient, FORWARDS, START, StreamNotFoundError } from '@eventstore/db-client';
import type { ReadStreamOptions } from '../event-store.port';
import { isStoreEvent, toRecordedEvent } from './eventstoredb-mapping';

export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const fromRevision = options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(streamId, {
      fromRevision,
      direction: backwards ? BACKWARDS : FORWARDS,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    for await (const resolved of read) {
      if (isStoreEvent(resolved)) events.push(toRecordedEvent(resolved));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}
