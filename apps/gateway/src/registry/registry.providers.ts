import type { Provider } from '@nestjs/common';
import { RegistryQueries } from '@cp/read-model';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../read-model.provider';
import { AgentsController } from './agents.controller';
import { RegistryCommandsClient } from './registry-commands.client';
import { TeamsController } from './teams.controller';
import { WorkflowsController } from './workflows.controller';

export const registryControllers = [AgentsController, TeamsController, WorkflowsController];

export const registryProviders: Provider[] = [
  RegistryCommandsClient,
  { provide: RegistryQueries, inject: [READ_MODEL], useFactory: (dataSource: DataSource) => new RegistryQueries(dataSource) },
];
