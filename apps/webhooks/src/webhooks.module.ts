import { type BeforeApplicationShutdown, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig, JsonLogger } from '@cp/config';
import type { Subjects } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { createReadModelDataSource, JobQueries } from '@cp/read-model';
import { APP_CONFIG, CoreModule, EVENT_STORE, LOGGER, NATS_CONNECTION, PG_POOL, SUBJECTS } from '@cp/runtime';
import { CachedJobDirectory } from './adapters/cached-job-directory';
import { EventStoreExecutionDirectory } from './adapters/event-store-execution-directory';
import { JobChangeFeed } from './adapters/job-change-feed';
import { NatsJobTrigger } from './adapters/nats-job-trigger';
import { ReadModelJobDirectory } from './adapters/read-model-job-directory';
import { CLOCK, EXECUTION_DIRECTORY, JOB_DIRECTORY, JOB_TRIGGER, RATE_LIMITER, systemClock } from './delivery/ports';
import { WebhookDeliveryService } from './delivery/webhook-delivery.service';
import { WebhookMetrics } from './metrics/webhook-metrics';
import { PostgresRateLimiter } from './rate-limit/postgres-rate-limiter';
import { NatsDeliveryServer } from './transport/nats-delivery.server';
import { OperationsController } from './transport/operations.controller';
import { WebhookHttpController } from './transport/webhook-http.controller';
import { loadWebhooksSettings, WEBHOOKS_SETTINGS, type WebhooksSettings } from './webhooks.settings';

const READ_MODEL = Symbol('READ_MODEL');

/** The job cache hears of changes from the first delivery on; the feed stops before the NATS connection closes. */
class JobChangeFeedLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(JobChangeFeed) private readonly feed: JobChangeFeed) {}
  onApplicationBootstrap(): Promise<void> {
    return this.feed.start();
  }
  beforeApplicationShutdown(): Promise<void> {
    return this.feed.stop();
  }
}

class ReadModelLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const adapters = [
  {
    provide: READ_MODEL,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => createReadModelDataSource({ databaseUrl: config.databaseUrl, schema: config.dbSchema, applicationName: 'webhooks' }),
  },
  {
    provide: CachedJobDirectory,
    inject: [READ_MODEL, WEBHOOKS_SETTINGS],
    useFactory: (dataSource: DataSource, settings: WebhooksSettings) =>
      new CachedJobDirectory(new ReadModelJobDirectory(new JobQueries(dataSource)), { ttlMs: settings.jobCacheTtlMs, maxEntries: 100_000 }),
  },
  { provide: JOB_DIRECTORY, useExisting: CachedJobDirectory },
  {
    provide: JobChangeFeed,
    inject: [NATS_CONNECTION, SUBJECTS, CachedJobDirectory, LOGGER],
    useFactory: (nats: NatsConnection, subjects: Subjects, cache: CachedJobDirectory, logger: JsonLogger) => new JobChangeFeed(nats, subjects, cache, logger),
  },
  { provide: EXECUTION_DIRECTORY, inject: [EVENT_STORE], useFactory: (eventStore: EventStore) => new EventStoreExecutionDirectory(eventStore) },
  {
    provide: RATE_LIMITER,
    inject: [PG_POOL, APP_CONFIG],
    useFactory: async (pool: Pool, config: AppConfig) => {
      await PostgresRateLimiter.ensureTable(pool, config.dbSchema);
      return new PostgresRateLimiter(pool, config.dbSchema);
    },
  },
  {
    provide: JOB_TRIGGER,
    inject: [NATS_CONNECTION, SUBJECTS, WEBHOOKS_SETTINGS],
    useFactory: (nats: NatsConnection, subjects: Subjects, settings: WebhooksSettings) => new NatsJobTrigger(nats, subjects, settings.triggerTimeoutMs),
  },
];

/** POST /api/v1/jobs/webhook/{token}: verify, de-duplicate, rate-limit, trigger (DESIGN.md §1, issue 6). */
@Module({
  imports: [CoreModule.forService('webhooks')],
  controllers: [WebhookHttpController, OperationsController],
  providers: [
    { provide: WEBHOOKS_SETTINGS, inject: [NATS_CONNECTION], useFactory: (nats: NatsConnection) => loadWebhooksSettings(nats.info?.max_payload ?? 1024 * 1024) },
    { provide: CLOCK, useValue: systemClock },
    { provide: WebhookMetrics, useFactory: () => new WebhookMetrics() },
    ...adapters,
    ReadModelLifecycle,
    JobChangeFeedLifecycle,
    WebhookDeliveryService,
    NatsDeliveryServer,
  ],
})
export class WebhooksModule {}
