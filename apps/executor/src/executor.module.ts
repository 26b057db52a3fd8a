import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cp/config';
import { createReadModelDataSource, ExecutionQueries } from '@cp/read-model';
import { APP_CONFIG, CoreModule } from '@cp/runtime';
import { CancelExecutionService } from './cancel/cancel-execution.service';
import { DispatchInputs } from './dispatch/dispatch-inputs';
import { RequestedConsumer } from './dispatch/requested-consumer';
import { RequestedHintListener } from './dispatch/requested-hint.listener';
import { WorkPublisher } from './dispatch/work-publisher';
import { ExecutorCommandServer } from './executor-command.server';
import { EXECUTOR_SETTINGS, loadExecutorSettings } from './executor.settings';
import { EXECUTOR_READ_MODEL } from './executor.tokens';
import { RecoveryService } from './recovery/recovery.service';
import { CancelNotifier } from './shared/cancel-notifier';
import { ExecutionLifecycle } from './shared/execution-lifecycle';
import { ExecutionStore } from './shared/execution-store';
import { ExecutionTimers } from './timers/execution-timers';
import { WorkerReportsService } from './worker-reports/worker-reports.service';
import { ReadModelLifecycle } from './read-model.lifecycle';

/** The execution lifecycle service (DESIGN.md §1): dispatch, worker reports, timeouts, retries, cancel. */
@Module({
  imports: [CoreModule.forService('executor')],
  providers: [
    { provide: EXECUTOR_SETTINGS, useFactory: () => loadExecutorSettings() },
    {
      provide: EXECUTOR_READ_MODEL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createReadModelDataSource({ databaseUrl: config.databaseUrl, schema: config.dbSchema, poolSize: 4, applicationName: 'executor' }),
    },
    { provide: ExecutionQueries, inject: [EXECUTOR_READ_MODEL], useFactory: (dataSource: DataSource) => new ExecutionQueries(dataSource) },
    ReadModelLifecycle,
    ExecutionStore,
    ExecutionTimers,
    CancelNotifier,
    WorkPublisher,
    DispatchInputs,
    ExecutionLifecycle,
    WorkerReportsService,
    CancelExecutionService,
    ExecutorCommandServer,
    RequestedConsumer,
    RequestedHintListener,
    RecoveryService,
  ],
})
export class ExecutorModule {}
