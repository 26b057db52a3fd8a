import { Module } from '@nestjs/common';
import { CoreModule } from '@cp/runtime';
import { SchedulerService } from './scheduler.service';

@Module({
  imports: [CoreModule.forService('scheduler')],
  providers: [SchedulerService],
})
export class SchedulerModule {}
