import { runService } from '@cp/runtime';
import { SchedulerModule } from './scheduler.module';

void runService('scheduler', SchedulerModule);
