import { Module } from '@nestjs/common';
import { CoreModule } from '@cp/runtime';
import { WorkConsumers } from './work/work-consumers';
import { loadWorkerSettings, WORKER_SETTINGS } from './worker.settings';

@Module({
  imports: [CoreModule.forService('worker')],
  providers: [{ provide: WORKER_SETTINGS, useFactory: () => loadWorkerSettings() }, WorkConsumers],
})
export class WorkerModule {}
