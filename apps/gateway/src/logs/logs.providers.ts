import { ExecutionLiveFeed } from './execution-live-feed';
import { ExecutionLogsController } from './execution-logs.controller';

export const logsControllers = [ExecutionLogsController];
export const logsProviders = [ExecutionLiveFeed];
