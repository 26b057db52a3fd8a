import { type ExpectedRevision, WrongExpectedRevisionError } from './event-store.port';

/** Throws a RangeError for an expected revision that no store could ever satisfy (negative or fractional). */
export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`Expected revision must be 'any', 'no_stream', 'stream_exists' or an integer >= 0 (got ${expected})`);
  }
}

/** `current` is the stream's last revision, or null when the stream does not exist. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids are UUIDs (both stores require it), and one batch cannot hold the same id twice. */
export function assertValidBatch(streamId: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!UUID.test(id)) throw new RangeError(`Cannot append to ${streamId}: event id "${id}" is not a UUID`);
    if (seen.has(id.toLowerCase())) throw new RangeError(`Cannot append to ${streamId}: event id ${id} occurs twice in the same batch`);
    seen.add(id.toLowerCase());
  }
}
