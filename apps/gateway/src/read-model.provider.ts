import type { Provider } from '@nestjs/common';
import type { AppConfig } from '@cp/config';
import { createReadModelDataSource, JobQueries } from '@cp/read-model';
import { APP_CONFIG } from '@cp/runtime';
import type { DataSource } from 'typeorm';

export const READ_MODEL = Symbol('READ_MODEL');

export const readModelProviders: Provider[] = [
  {
    provide: READ_MODEL,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => createReadModelDataSource({ databaseUrl: config.databaseUrl, schema: config.dbSchema, applicationName: 'gateway' }),
  },
  { provide: JobQueries, inject: [READ_MODEL], useFactory: (dataSource: DataSource) => new JobQueries(dataSource) },
];
