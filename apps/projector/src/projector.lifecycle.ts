import { Inject } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@cp/config';
import { EVENT_STORE } from '@cp/event-store';
import type { EventStore } from '@cp/event-store';
import type { ProjectionProgress, ProjectionRunner } from '@cp/read-model';
import { PG_POOL, PROJECTION_RUNNER, PROJECTOR_LOGGER, READ_MODEL_DATA_SOURCE } from './projector.tokens';

/** Starts the runner once everything is wired; on shutdown lets the transaction in flight commit, then closes connections. */
export class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner.on('progress', (progress: ProjectionProgress) => this.logger.debug('projected', { ...progress }));
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.dataSource.destroy().catch((error: unknown) => this.logger.warn('closing the read-model connection failed', { error }));
    await this.eventStore.close().catch((error: unknown) => this.logger.warn('closing the event store failed', { error }));
    await this.pool.end().catch((error: unknown) => this.logger.warn('closing the PostgreSQL pool failed', { error }));
  }
}
