import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig, JsonLogger } from '@cp/config';
import { createEventStore, EVENT_STORE } from '@cp/event-store';
import type { EventStore } from '@cp/event-store';
import { createReadModelDataSource, ProjectionRunner, READ_MODEL_CHECKPOINT, READ_MODEL_PROJECTIONS, runMigrations } from '@cp/read-model';
import { EventRelayLifecycle } from './event-relay.lifecycle';
import { ProjectorLifecycle } from './projector.lifecycle';
import { PG_POOL, PROJECTION_RUNNER, PROJECTOR_CONFIG, PROJECTOR_LOGGER, READ_MODEL_DATA_SOURCE } from './projector.tokens';

/** Event store -> PostgreSQL read models, in its own process (no HTTP). */
@Module({})
export class ProjectorModule {
  static forConfig(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [
        { provide: PROJECTOR_CONFIG, useValue: config },
        { provide: PROJECTOR_LOGGER, useValue: logger },
        { provide: PG_POOL, useFactory: () => new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'projector' }) },
        // For PostgreSQL, createEventStore also creates the event-store tables when missing.
        { provide: EVENT_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => createEventStore(config, pool, config.dbSchema) },
        { provide: READ_MODEL_DATA_SOURCE, useFactory: () => openReadModel(config, logger) },
        {
          provide: PROJECTION_RUNNER,
          inject: [READ_MODEL_DATA_SOURCE, EVENT_STORE],
          useFactory: (dataSource: DataSource, eventStore: EventStore) =>
            new ProjectionRunner({ dataSource, eventStore, name: READ_MODEL_CHECKPOINT, projections: [...READ_MODEL_PROJECTIONS], logger }),
        },
        ProjectorLifecycle,
        EventRelayLifecycle,
      ],
    };
  }
}

async function openReadModel(config: AppConfig, logger: JsonLogger): Promise<DataSource> {
  const dataSource = await createReadModelDataSource({ databaseUrl: config.databaseUrl, schema: config.dbSchema, poolSize: 4, applicationName: 'projector' });
  const applied = await runMigrations(dataSource);
  if (applied.length > 0) logger.info('read-model migrations applied', { migrations: applied, schema: config.dbSchema });
  return dataSource;
}
