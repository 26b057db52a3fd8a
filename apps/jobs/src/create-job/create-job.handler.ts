import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import { JOB_ID_PREFIX, type JobDefinition, type JobsServiceResult, type RequestContext } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { resolveJobEntity } from '../registry/shared/registry-lookup';
import { commandMetadata } from '../shared/command-metadata';
import { handleJobCommand } from '../shared/job-command-handler';
import { newWebhookCredentials } from '../shared/webhook-credentials';

export class CreateJobRequest {
  constructor(readonly context: RequestContext, readonly definition: JobDefinition) {}
}

@CommandHandler(CreateJobRequest)
export class CreateJobHandler implements ICommandHandler<CreateJobRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, definition }: CreateJobRequest) {
    const jobId = `${JOB_ID_PREFIX}${randomUUID()}`;
    const webhook = definition.trigger_type === 'webhook' ? newWebhookCredentials(this.secretBox) : null;
    const entity = await resolveJobEntity(this.eventStore, context.organizationId, definition);
    const outcome = await handleJobCommand(this.eventStore, {
      type: 'CreateJob',
      data: { job_id: jobId, definition, webhook: webhook?.credentials ?? null, entity },
      metadata: commandMetadata(context),
    });
    const result: JobsServiceResult = { job_id: jobId, webhook_secret: webhook?.secret ?? null };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
