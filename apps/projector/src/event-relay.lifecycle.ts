import { Inject } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { AppConfig, JsonLogger } from '@cp/config';
import { natsSubjects } from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { closeNats, connectNats, ensureStreams, EventRelay, PgCheckpointStore } from '@cp/messaging';
import type { NatsConnection } from 'nats';
import { PG_POOL, PROJECTOR_CONFIG, PROJECTOR_LOGGER } from './projector.tokens';

/** Checkpoint name of the relay (table relay_checkpoints, separate from the read-model checkpoints). */
export const EVENT_RELAY_NAME = 'event-relay';

/**
 * The event relay (DESIGN.md §5) runs beside the projection runner: event store -> JetStream EVENTS, which the
 * executor and the scheduler consume. Streams are created (idempotently) before it starts.
 */
export class EventRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private nats: NatsConnection | null = null;
  private relay: EventRelay | null = null;

  constructor(
    @Inject(PROJECTOR_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const subjects = natsSubjects(this.config.natsNamespace);
    this.nats = await connectNats(this.config.natsUrl, `projector-relay-${process.pid}`, { logger: this.logger });
    await ensureStreams(await this.nats.jetstreamManager(), subjects);
    this.relay = new EventRelay({
      store: this.eventStore,
      js: this.nats.jetstream(),
      subjects,
      checkpoints: new PgCheckpointStore(this.pool, this.config.dbSchema),
      name: EVENT_RELAY_NAME,
      logger: this.logger,
    });
    this.relay.start();
  }

  /** Before every onApplicationShutdown: the relay saves its checkpoint before ProjectorLifecycle closes the pool. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    if (this.nats) await closeNats(this.nats);
  }
}
