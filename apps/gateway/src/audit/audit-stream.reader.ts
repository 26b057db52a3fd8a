import { Inject, Injectable } from '@nestjs/common';
import type { AuditEventsResponse, RecordedEvent } from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { toAuditEvent } from './audit-event.mapper';
import type { AuditPageQuery } from './audit-query';

/** Pages of one stream, as recorded (upcast, secrets redacted), optionally cut at an instant. */
@Injectable()
export class AuditStreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The stream's first event when it belongs to the organization and was recorded by `asOf` (when given); null
   * otherwise, which callers answer with 404: another organization's stream looks exactly like a missing one.
   */
  async firstEvent(streamId: string, organizationId: string, asOf: Date | null = null): Promise<RecordedEvent | null> {
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (!first || first.metadata.organizationId !== organizationId) return null;
    if (asOf && Date.parse(first.recordedAt) > asOf.getTime()) return null;
    return first;
  }

  async page(streamId: string, query: AuditPageQuery): Promise<AuditEventsResponse> {
    const read = await this.store.readStream(streamId, { fromRevision: query.fromRevision, maxCount: query.limit + 1 });
    const limit = query.asOf?.getTime();
    const cut = limit === undefined ? -1 : read.findIndex((event) => Date.parse(event.recordedAt) > limit);
    const visible = cut === -1 ? read : read.slice(0, cut);
    const events = visible.slice(0, query.limit);
    const more = visible.length > query.limit;
    return { stream_id: streamId, events: events.map(toAuditEvent), next_revision: more ? events[events.length - 1].revision + 1 : null };
  }
}
