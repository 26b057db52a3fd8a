import { runService } from '@cp/runtime';
import { JobsModule } from './jobs.module';

void runService('jobs', JobsModule);
