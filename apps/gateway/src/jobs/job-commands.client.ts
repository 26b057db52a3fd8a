import { Injectable } from '@nestjs/common';
import { JOBS_SERVICE, type JobsServiceRequests, type JobsServiceResult } from '@cp/contracts';
import { CommandSender } from '../commands/command-sender';

/** Job commands for the jobs service; the response is read from the read model, so the wait is strict. */
@Injectable()
export class JobCommandsClient {
  constructor(private readonly sender: CommandSender) {}

  send<C extends keyof JobsServiceRequests>(command: C, payload: JobsServiceRequests[C]): Promise<JobsServiceResult> {
    return this.sender.send<JobsServiceResult>(JOBS_SERVICE, command, payload, 'strict');
  }
}
