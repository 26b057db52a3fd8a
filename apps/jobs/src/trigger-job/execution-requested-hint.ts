import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { EXECUTION_REQUESTED_TOPIC, executionStreamId, type ExecutionRequested, type RecordedEvent, type Subjects } from '@cp/contracts';
import type { AppendResult, EventToAppend } from '@cp/event-store';
import { encodeJson } from '@cp/messaging';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';

/**
 * Tells the executor of a new execution the moment it is recorded (core NATS, no wait for the relay), so dispatch
 * does not wait for the event to travel store -> relay -> JetStream. Fire and forget: a lost hint only means the
 * executor dispatches when the JetStream copy arrives.
 */
@Injectable()
export class ExecutionRequestedHint {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection, @Inject(SUBJECTS) private readonly subjects: Subjects) {}

  publish(appended: EventToAppend, result: AppendResult): void {
    const data = appended.data as ExecutionRequested['data'];
    const event: RecordedEvent = {
      id: appended.id, streamId: executionStreamId(data.execution_id), revision: 0, position: result.position,
      type: appended.type, data: appended.data, metadata: appended.metadata, recordedAt: new Date().toISOString(),
    };
    try {
      this.nats.publish(this.subjects.live(EXECUTION_REQUESTED_TOPIC), encodeJson(event));
    } catch {
      // The connection is closing or reconnecting: the JetStream copy of the event still reaches the executor.
    }
  }
}
