import type { EventMetadata, RecordedEvent } from '@cp/contracts';
import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import { parsePosition } from '../positions';

type AnyResolved = ResolvedEvent | AllStreamResolvedEvent;
type StoredRecord = NonNullable<AnyResolved['event']>;

/** Older servers answer stream reads without positions, or with 2^64-1 in their place. */
export const NO_POSITION = 18446744073709551615n;

/** Our positions are commit positions; EventStoreDB resumes from a (commit, prepare) pair, equal for our events. */
export function toReadPosition(position: string): Position {
  const commit = parsePosition(position);
  return { commit, prepare: commit };
}

/** The commit position of a resolved event, or null when the server did not send one. */
export function commitOf(resolved: AnyResolved): bigint | null {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  return commit === undefined || commit === NO_POSITION ? null : commit;
}

/** Events of this store: JSON events outside the `$` system namespace (links, stats, settings are skipped). */
export function isStoreEvent(resolved: AnyResolved): resolved is AnyResolved & { event: StoredRecord } {
  const event = resolved.event;
  return event !== undefined && event.isJson && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function toRecordedEvent(resolved: AnyResolved & { event: StoredRecord }): RecordedEvent {
  const { event } = resolved;
  const commit = commitOf(resolved);
  if (commit === null) {
    throw new Error(`EventStoreDB returned event ${event.id} without its position; a server of version 22.6 or newer is required`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit.toString(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}
