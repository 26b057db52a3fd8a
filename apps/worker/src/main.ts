import { runService } from '@cp/runtime';
import { WorkerModule } from './worker.module';

void runService('worker', WorkerModule);
