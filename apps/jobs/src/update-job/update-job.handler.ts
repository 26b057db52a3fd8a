import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import type { JobDefinitionPatch, JobsServiceResult, RequestContext } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { resolveJobEntity } from '../registry/shared/registry-lookup';
import { commandMetadata } from '../shared/command-metadata';
import { handleJobCommand } from '../shared/job-command-handler';
import { newWebhookCredentials } from '../shared/webhook-credentials';

export class UpdateJobRequest {
  constructor(readonly context: RequestContext, readonly jobId: string, readonly patch: JobDefinitionPatch) {}
}

const definedPatch = (patch: JobDefinitionPatch): JobDefinitionPatch =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as JobDefinitionPatch;

@CommandHandler(UpdateJobRequest)
export class UpdateJobHandler implements ICommandHandler<UpdateJobRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, jobId, patch }: UpdateJobRequest) {
    // Offered to the decider; it keeps these credentials only if the update turns the job into a webhook job.
    const offered = newWebhookCredentials(this.secretBox);
    const outcome = await handleJobCommand(
      this.eventStore,
      { type: 'UpdateJob', data: { job_id: jobId, patch, new_webhook: offered.credentials, entity: null }, metadata: commandMetadata(context) },
      // The entity the job will name after the patch, looked up afresh on every (retried) decision.
      async (command, state) => {
        if (command.type !== 'UpdateJob' || (state.status !== 'active' && state.status !== 'disabled')) return command;
        const entity = await resolveJobEntity(this.eventStore, context.organizationId, { ...state.definition, ...definedPatch(patch) });
        return { ...command, data: { ...command.data, entity } };
      },
    );
    const createdWebhook = outcome.events.some((e) => e.type === 'JobUpdated' && e.data.webhook?.token === offered.credentials.token);
    const result: JobsServiceResult = { job_id: jobId, webhook_secret: createdWebhook ? offered.secret : null };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
