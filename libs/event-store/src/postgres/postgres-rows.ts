import type { EventMetadata, RecordedEvent } from '@cp/contracts';

/** The columns every read selects, in the shape `toRecordedEvent` maps. */
export const EVENT_COLUMNS =
  'global_position::text AS position, stream_id, revision, event_id::text AS id, type, data, metadata, recorded_at';

export type EventRow = {
  position: string;
  stream_id: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
};

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
  };
}
