import {
  type AppendExpectedRevision,
  ANY,
  type EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { assertValidBatch } from '../expected-revision';
import { type AppendResult, type EventToAppend, type ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { NO_POSITION } from './eventstoredb-mapping';
import { readStreamEvents } from './eventstoredb-stream';

/** How far back an append with 'any' or 'stream_exists' looks for an earlier copy of the same batch. */
const IDEMPOTENCY_WINDOW = 1000;

function toExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/**
 * EventStoreDB de-duplicates a batch by event id when it is re-sent with the same expected revision, but it
 * may answer without a position, and a re-send whose check fails is a conflict. In both cases the batch's
 * first copy is looked up, so a retry gets the original AppendResult, as with the PostgreSQL store.
 */
export async function appendToEventStoreDb(
  client: EventStoreDBClient,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  assertValidBatch(streamId, events.map((e) => e.id));
  const payload = events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
  try {
    const result = await client.appendToStream(streamId, payload, { expectedRevision: toExpected(expected) });
    const commit = result.position?.commit;
    if (commit !== undefined && commit !== NO_POSITION && events.length > 0) {
      return { nextRevision: Number(result.nextExpectedRevision), position: commit.toString() };
    }
    const original = await findAppended(client, streamId, events, expected);
    return original ?? { nextRevision: Number(result.nextExpectedRevision), position: await streamTipPosition(client, streamId) };
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const original = await findAppended(client, streamId, events, expected);
    if (original) return original;
    const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }
}

/** The AppendResult of an earlier append of exactly this batch to this stream, if there was one. */
async function findAppended(
  client: EventStoreDBClient,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult | null> {
  if (events.length === 0) return null;
  const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : null;
  const candidates = start === null
    ? (await readStreamEvents(client, streamId, { direction: 'backwards', maxCount: IDEMPOTENCY_WINDOW })).reverse()
    : await readStreamEvents(client, streamId, { fromRevision: start, maxCount: events.length });
  const firstIndex = candidates.findIndex((c) => c.id === events[0].id);
  if (firstIndex === -1) return null;
  const run = candidates.slice(firstIndex, firstIndex + events.length);
  if (run.length !== events.length || run.some((c, i) => c.id !== events[i].id)) return null;
  const last = run[run.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

/** The position of the stream's last event; '0' for an empty append to a stream that does not exist. */
async function streamTipPosition(client: EventStoreDBClient, streamId: string): Promise<string> {
  const [last] = await readStreamEvents(client, streamId, { direction: 'backwards', maxCount: 1 });
  return last?.position ?? '0';
}
