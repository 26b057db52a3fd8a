import type { Provider } from '@nestjs/common';
import { ExecutionQueries } from '@cp/read-model';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../read-model.provider';
import { TriggerClient } from '../trigger/trigger.client';
import { TriggerController } from '../trigger/trigger.controller';
import { ExecutionsController } from './executions.controller';
import { ExecutorCommandsClient } from './executor-commands.client';
import { JobExecutionsController } from './job-executions.controller';

export const executionControllers = [TriggerController, JobExecutionsController, ExecutionsController];

export const executionProviders: Provider[] = [
  TriggerClient,
  ExecutorCommandsClient,
  { provide: ExecutionQueries, inject: [READ_MODEL], useFactory: (dataSource: DataSource) => new ExecutionQueries(dataSource) },
];
