import { Inject, Injectable } from '@nestjs/common';
import { jobStreamId, type ExecutionCause, type ExecutionRequested, type RecordedEvent } from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { toEventRef } from './audit-event.mapper';

const PAGE = 500;
/** How far back in the job stream the event named by causation_id is looked for. */
const MAX_SCANNED = 5000;

/**
 * "Why did this run?": the cause of an execution from its ExecutionRequested event (who or what asked: user, cron
 * slot, webhook delivery; correlation and causation ids), linked to the job event that defined the job at that moment.
 */
@Injectable()
export class ExecutionCauseService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async causeOf(requested: RecordedEvent<ExecutionRequested>): Promise<ExecutionCause> {
    const { data, metadata } = requested;
    const { definition, causedBy } = await this.jobEventsBefore(data.job_id, requested, metadata.causationId);
    const deliveryId = data.trigger_metadata.delivery_id;
    return {
      source: data.source,
      actor: { id: metadata.actor.id, email: metadata.actor.email ?? null },
      scheduled_for: data.scheduled_for,
      delivery_id: typeof deliveryId === 'string' ? deliveryId : null,
      correlation_id: metadata.correlationId,
      causation_id: metadata.causationId ?? null,
      caused_by: causedBy ? toEventRef(causedBy) : null,
      job_definition: definition ? toEventRef(definition) : null,
      requested: toEventRef(requested),
    };
  }

  /** Scans the job stream backwards from its end: the last event before the request, and the causation event. */
  private async jobEventsBefore(jobId: string, requested: RecordedEvent, causationId: string | null) {
    let definition: RecordedEvent | null = null;
    let causedBy: RecordedEvent | null = null;
    let from: number | undefined;
    for (let scanned = 0; scanned < MAX_SCANNED; scanned += PAGE) {
      const page = await this.store.readStream(jobStreamId(jobId), { direction: 'backwards', fromRevision: from, maxCount: PAGE });
      for (const event of page) {
        if (this.store.comparePositions(event.position, requested.position) >= 0) continue;
        definition ??= event;
        if (causationId !== null && event.id === causationId) causedBy = event;
        if (definition && (causedBy || causationId === null)) return { definition, causedBy };
      }
      if (page.length < PAGE || page[page.length - 1].revision === 0) break;
      from = page[page.length - 1].revision - 1;
    }
    return { definition, causedBy };
  }
}
