import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { JsonLogger } from '@cp/config';
import type { ExecutionRequested, RecordedEvent, Subjects } from '@cp/contracts';
import { consumeDurable, ensureStreams, type DurableConsumerHandle } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { EXECUTOR_SETTINGS, type ExecutorSettings } from '../executor.settings';
import { ExecutionLifecycle } from '../shared/execution-lifecycle';

export const REQUESTED_CONSUMER = 'executor-requested';

/**
 * Follows ExecutionRequested on JetStream EVENTS (published by the relay in the projector) with a durable consumer:
 * dispatch, then ack. A crash before the ack redelivers the event; dispatching again only republishes the same
 * attempt, which JetStream drops as a duplicate.
 */
@Injectable()
export class RequestedConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private handle: DurableConsumerHandle | null = null;

  constructor(
    private readonly lifecycle: ExecutionLifecycle,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const jsm = await this.nats.jetstreamManager();
    await ensureStreams(jsm, this.subjects);
    this.handle = await consumeDurable<RecordedEvent<ExecutionRequested>>(this.nats.jetstream(), jsm, {
      stream: this.subjects.eventsStream,
      durable: REQUESTED_CONSUMER,
      filterSubject: this.subjects.event('execution', 'ExecutionRequested'),
      concurrency: this.settings.dispatchConcurrency,
      nakDelayMs: (deliveries) => Math.min(10_000, 250 * 2 ** Math.max(0, deliveries - 1)),
      logger: this.logger,
      // Usually dispatched already on the jobs service's hint (RequestedHintListener): then there is nothing left to do.
      handler: async (event) => {
        if (!this.lifecycle.publishedHere(event.data.execution_id)) await this.lifecycle.dispatch(event.data.execution_id, event.metadata?.correlationId, event);
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.handle?.stop();
  }
}
