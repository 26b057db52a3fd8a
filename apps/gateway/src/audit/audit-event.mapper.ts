import type { AuditEventItem, AuditEventRef, RecordedEvent } from '@cp/contracts';
import { storedSchemaVersion } from '@cp/domain';
import { redactEventData } from './event-redaction';

/** A recorded (upcast) event as an audit item; secrets redacted. */
export function toAuditEvent(event: RecordedEvent): AuditEventItem {
  const { metadata } = event;
  return {
    revision: event.revision,
    position: event.position,
    event_id: event.id,
    type: event.type,
    data: redactEventData(event.data),
    recorded_at: event.recordedAt,
    occurred_at: metadata.occurredAt,
    actor: { id: metadata.actor.id, email: metadata.actor.email ?? null },
    correlation_id: metadata.correlationId,
    causation_id: metadata.causationId ?? null,
    schema_version: metadata.schemaVersion,
    stored_schema_version: storedSchemaVersion(event),
  };
}

export function toEventRef(event: RecordedEvent): AuditEventRef {
  return { stream_id: event.streamId, revision: event.revision, event_id: event.id, type: event.type, recorded_at: event.recordedAt };
}
