import { Injectable } from '@nestjs/common';
import { JOBS_SERVICE, type TriggerJobRequest, type TriggerJobResult } from '@cp/contracts';
import { CommandSender } from '../commands/command-sender';

/**
 * Sends `cmd.jobs.trigger` and waits for the projector so the job's history shows the new execution. A slow
 * projector does not fail the trigger: the execution exists, and a 5xx would make the SDK retry the POST.
 */
@Injectable()
export class TriggerClient {
  constructor(private readonly sender: CommandSender) {}

  trigger(request: TriggerJobRequest): Promise<TriggerJobResult> {
    return this.sender.send<TriggerJobResult>(JOBS_SERVICE, 'trigger', request, 'best_effort');
  }
}
