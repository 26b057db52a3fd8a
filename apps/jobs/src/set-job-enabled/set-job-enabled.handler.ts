import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { JobsServiceResult, RequestContext } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../shared/command-metadata';
import { handleJobCommand } from '../shared/job-command-handler';

export class SetJobEnabledRequest {
  constructor(readonly context: RequestContext, readonly jobId: string, readonly enabled: boolean) {}
}

@CommandHandler(SetJobEnabledRequest)
export class SetJobEnabledHandler implements ICommandHandler<SetJobEnabledRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, jobId, enabled }: SetJobEnabledRequest) {
    const outcome = await handleJobCommand(this.eventStore, {
      type: enabled ? 'EnableJob' : 'DisableJob',
      data: { job_id: jobId },
      metadata: commandMetadata(context),
    });
    const result: JobsServiceResult = { job_id: jobId, webhook_secret: null };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
