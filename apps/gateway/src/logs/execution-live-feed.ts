import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection, Subscription } from 'nats';
import { JsonLogger } from '@cp/config';
import { EXECUTION_STREAM_PREFIX, type RecordedEvent, type Subjects } from '@cp/contracts';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';

export type LiveListener = (event: RecordedEvent) => void;

/**
 * One core-NATS subscription per gateway on the execution events the relay publishes to JetStream EVENTS
 * (`evt.execution.*`), fanned out to the open streams by execution id. Delivery is at most once: followers treat an
 * event as a hint and read the event store whenever one is missing, so nothing is lost or sent twice.
 */
@Injectable()
export class ExecutionLiveFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private subscription: Subscription | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    this.subscription = this.nats.subscribe(this.subjects.eventsOfCategory('execution'), {
      callback: (error, msg) => {
        if (error) return this.logger.warn('live execution feed error', { error });
        if (this.listeners.size === 0) return;
        let event: RecordedEvent;
        try {
          event = msg.json<RecordedEvent>();
        } catch {
          return;
        }
        const executionId = event.streamId?.startsWith(EXECUTION_STREAM_PREFIX) ? event.streamId.slice(EXECUTION_STREAM_PREFIX.length) : null;
        if (executionId) this.listeners.get(executionId)?.forEach((listener) => listener(event));
      },
    });
  }

  /** Calls `listener` with every live event of the execution until the returned function is called. */
  listen(executionId: string, listener: LiveListener): () => void {
    const set = this.listeners.get(executionId) ?? new Set<LiveListener>();
    set.add(listener);
    this.listeners.set(executionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(executionId);
    };
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
