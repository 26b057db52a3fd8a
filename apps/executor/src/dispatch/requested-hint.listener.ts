import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection, Subscription } from 'nats';
import type { JsonLogger } from '@cp/config';
import { EXECUTION_REQUESTED_TOPIC, EXECUTOR_SERVICE, type ExecutionRequested, type RecordedEvent, type Subjects } from '@cp/contracts';
import { decodeJson } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { ExecutionLifecycle } from '../shared/execution-lifecycle';

/**
 * Dispatches on the jobs service's hint (core NATS, one replica of the queue group each) instead of waiting for the
 * JetStream copy of ExecutionRequested. The durable consumer still sees every event and skips what was dispatched
 * here; a failure here is only logged, since that durable delivery dispatches (and retries) anyway.
 */
@Injectable()
export class RequestedHintListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly lifecycle: ExecutionLifecycle,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(this.subjects.live(EXECUTION_REQUESTED_TOPIC), {
      queue: EXECUTOR_SERVICE,
      callback: (error, message) => {
        if (error) return;
        const event = decodeJson(message.data) as RecordedEvent<ExecutionRequested> | undefined;
        const executionId = event?.data?.execution_id;
        if (typeof executionId !== 'string') return;
        const run = this.lifecycle.dispatch(executionId, event?.metadata?.correlationId ?? undefined, event)
          .catch((cause: unknown) => this.logger.warn('dispatch on hint failed; the JetStream delivery will dispatch', { executionId, error: cause instanceof Error ? cause.message : String(cause) }))
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all([...this.inFlight]);
  }
}
