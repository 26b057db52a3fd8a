import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { workMessageId, type Subjects } from '@cp/contracts';
import type { LiveExecution } from '@cp/domain';
import { CORRELATION_ID_HEADER } from '@cp/messaging';
import { NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { EXECUTOR_SETTINGS, type ExecutorSettings } from '../executor.settings';
import { workItemFor } from './work-item';

/**
 * Publishes the queued attempt of an execution to JetStream `work.<queue>`. The msgID is execution id + attempt, so
 * publishing the same attempt again (a redelivered request, the recovery scan) is dropped by the server's
 * duplicate window; a copy that still gets through is refused by the decider when its `started` arrives.
 */
@Injectable()
export class WorkPublisher {
  private readonly js: JetStreamClient;

  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
  ) {
    this.js = nats.jetstream();
  }

  async publish(execution: LiveExecution, correlationId: string): Promise<void> {
    const item = workItemFor(execution, this.settings.heartbeatIntervalMs, correlationId);
    const headers = natsHeaders();
    headers.set(CORRELATION_ID_HEADER, correlationId);
    await this.js.publish(this.subjects.work(item.queue), JSON.stringify(item), { msgID: workMessageId(item.execution_id, item.attempt), headers });
  }
}
