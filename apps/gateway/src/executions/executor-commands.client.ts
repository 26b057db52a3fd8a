import { Injectable } from '@nestjs/common';
import { EXECUTOR_SERVICE, type CancelExecutionResult, type ExecutorServiceRequests } from '@cp/contracts';
import { CommandSender } from '../commands/command-sender';

/** `cmd.executor.cancel`, then read-your-writes so the response shows the cancelled status. */
@Injectable()
export class ExecutorCommandsClient {
  constructor(private readonly sender: CommandSender) {}

  cancel(request: ExecutorServiceRequests['cancel']): Promise<CancelExecutionResult> {
    return this.sender.send<CancelExecutionResult>(EXECUTOR_SERVICE, 'cancel', request, 'best_effort');
  }
}
