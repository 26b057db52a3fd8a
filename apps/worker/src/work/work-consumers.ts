import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { JsonLogger, SecretBox } from '@cp/config';
import { workConsumerName, type Subjects, type WorkItem } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { consumeDurable, ensureStreams, type DurableConsumerHandle } from '@cp/messaging';
import { EVENT_STORE, LOGGER, NATS_CONNECTION, SECRET_BOX, SUBJECTS } from '@cp/runtime';
import { RegistryReader } from '../plan/registry-reader';
import { WORKER_SETTINGS, type WorkerSettings } from '../worker.settings';
import { handleWorkItem, type WorkContext } from './work-item.handler';

/**
 * Pulls every configured queue from the WORK stream with a durable pull consumer per queue (shared by every
 * worker of that queue). Shutdown: stop pulling, let running executions finish within the grace period, nak the rest.
 */
@Injectable()
export class WorkConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly draining = new AbortController();
  private readonly graceOver = new AbortController();
  private handles: DurableConsumerHandle[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(LOGGER) private readonly logger: JsonLogger,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const jsm = await this.nats.jetstreamManager();
    await ensureStreams(jsm, this.subjects);
    const context = this.context();
    const js = this.nats.jetstream();
    for (const queue of this.settings.queues) {
      const handle = await consumeDurable<WorkItem>(js, jsm, {
        stream: this.subjects.workStream,
        durable: workConsumerName(queue),
        filterSubject: this.subjects.work(queue),
        ackWaitMs: this.settings.ackWaitMs,
        concurrency: this.settings.concurrency,
        nakDelayMs: (deliveries) => Math.min(5_000, 250 * deliveries),
        handler: (item, msg) => handleWorkItem(item, msg, context),
        logger: this.logger,
      });
      this.handles.push(handle);
    }
    this.logger.info('worker pulling', { queues: this.settings.queues, concurrency: this.settings.concurrency, workerId: this.settings.workerId });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.draining.abort();
    const grace = setTimeout(() => this.graceOver.abort(), this.settings.shutdownGraceMs);
    this.logger.info('worker draining', { graceMs: this.settings.shutdownGraceMs });
    try {
      await Promise.all(this.handles.map((handle) => handle.stop()));
    } finally {
      clearTimeout(grace);
    }
  }

  private context(): WorkContext {
    return {
      nats: this.nats,
      subjects: this.subjects,
      settings: this.settings,
      logger: this.logger,
      deps: { registry: new RegistryReader(this.eventStore), secretBox: this.secretBox, workerEnv: process.env },
      draining: this.draining.signal,
      graceOver: this.graceOver.signal,
    };
  }
}
