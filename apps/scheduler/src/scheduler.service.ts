import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { JsonLogger } from '@cp/config';
import type { RecordedEvent, Subjects } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { ControlPlaneActions } from './adapters/control-plane.actions';
import { EventFollower } from './adapters/event-follower';
import { ScheduleBook } from './schedule-book';
import { SlotRunner } from './slot-runner';
import { systemClock } from './timer/clock';

/**
 * The scheduler process: rebuilds its book from the event store, then keeps one timer per enabled cron job and
 * fires each slot through `cmd.jobs.trigger`. Job changes reach it through the same subscription, within
 * milliseconds of their append. Any number of replicas may run: the slot's execution id decides who wins.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly book = new ScheduleBook();
  private readonly runner: SlotRunner;
  private readonly follower: EventFollower;
  private live = false;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(SUBJECTS) subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {
    this.runner = new SlotRunner(this.book, systemClock, new ControlPlaneActions(nats, subjects, store), logger);
    this.follower = new EventFollower(store, { onEvent: (event) => this.onEvent(event), onCaughtUp: () => this.onCaughtUp() }, logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    await this.follower.start();
    this.logger.info('scheduler caught up with the event store', { ...this.book.size, timers: this.runner.wheel.size, ms: Date.now() - started });
  }

  /** Before the shared connections close: no new fires, let the ones in flight finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.follower.stop();
  }

  private onEvent(event: RecordedEvent): void {
    const jobId = this.book.apply(event);
    if (jobId && this.live) this.runner.process(jobId);
  }

  private onCaughtUp(): void {
    this.live = true;
    this.runner.processAll();
  }
}
