import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { JsonLogger, loadConfig, SecretBox, type AppConfig } from '@cp/config';
import { natsSubjects } from '@cp/contracts';
import { createEventStore, EVENT_STORE, type EventStore } from '@cp/event-store';
import { closeNats, connectNats } from '@cp/messaging';
import type { NatsConnection } from 'nats';
import { Pool } from 'pg';
import { APP_CONFIG, LOGGER, NATS_CONNECTION, PG_POOL, SECRET_BOX, SUBJECTS } from './tokens';

class CoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await closeNats(this.nats).catch(() => undefined);
    await this.eventStore.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * What every service shares: validated config, a PostgreSQL pool, the event store, the NATS connection,
 * the subject names of its namespace, a JSON logger and the secret box. Global, so feature modules inject by token.
 */
@Global()
@Module({})
export class CoreModule {
  static forService(service: string, config: AppConfig = loadConfig()): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: LOGGER, useValue: new JsonLogger(service, config.logLevel) },
      { provide: SUBJECTS, useValue: natsSubjects(config.natsNamespace) },
      { provide: SECRET_BOX, useValue: new SecretBox(config.secretsKey) },
      { provide: PG_POOL, useFactory: () => new Pool({ connectionString: config.databaseUrl, max: 10, application_name: service }) },
      {
        provide: EVENT_STORE,
        inject: [PG_POOL],
        // For PostgreSQL this also creates the event-store tables when they are missing.
        useFactory: (pool: Pool) => createEventStore(config, pool, config.dbSchema),
      },
      { provide: NATS_CONNECTION, useFactory: () => connectNats(config.natsUrl, `${service}-${process.pid}`) },
    ];
    return {
      module: CoreModule,
      providers: [...providers, CoreLifecycle],
      exports: [APP_CONFIG, LOGGER, SUBJECTS, SECRET_BOX, PG_POOL, EVENT_STORE, NATS_CONNECTION],
    };
  }
}
