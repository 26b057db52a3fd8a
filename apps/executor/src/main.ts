import { runService } from '@cp/runtime';
import { ExecutorModule } from './executor.module';

void runService('executor', ExecutorModule);
