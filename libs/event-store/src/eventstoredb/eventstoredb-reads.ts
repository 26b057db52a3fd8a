import type { RecordedEvent } from '@cp/contracts';
import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  START,
} from '@eventstore/db-client';
import { parsePosition } from '../positions';
import { commitOf, isStoreEvent, toReadPosition, toRecordedEvent } from './eventstoredb-mapping';

const PAGE = 500;

async function readPage(client: EventStoreDBClient, from: ReadPosition, backwards: boolean): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll({ fromPosition: from, maxCount: PAGE, direction: backwards ? BACKWARDS : FORWARDS })) {
    page.push(resolved);
  }
  return page;
}

/**
 * `$all` forwards, strictly after `after`, without system events. Reads page by page, because system events
 * take up room in a page and `maxCount` counts only the events handed back.
 */
export async function readAllAfter(client: EventStoreDBClient, after: string | null, maxCount: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (maxCount <= 0) return events;
  let floor = after === null ? -1n : parsePosition(after);
  let from: ReadPosition = after === null ? START : toReadPosition(after);
  for (;;) {
    const page = await readPage(client, from, false);
    for (const resolved of page) {
      const commit = commitOf(resolved);
      if (commit === null || commit <= floor) continue;
      floor = commit;
      if (!isStoreEvent(resolved)) continue;
      events.push(toRecordedEvent(resolved));
      if (events.length >= maxCount) return events;
    }
    const last = page[page.length - 1]?.event?.position;
    if (page.length < PAGE || !last) return events;
    from = last;
  }
}

/** The commit position of the newest event of this store, skipping system events written after it. */
export async function readHeadPosition(client: EventStoreDBClient): Promise<string | null> {
  let from: ReadPosition = END;
  for (;;) {
    const page = await readPage(client, from, true);
    const newest = page.find(isStoreEvent);
    if (newest) return commitOf(newest)?.toString() ?? null;
    const oldest = page[page.length - 1]?.event?.position;
    if (page.length < PAGE || !oldest) return null;
    // A backwards read includes its start position; the overlap is one system event, so it is harmless.
    from = oldest;
  }
}
