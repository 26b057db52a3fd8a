import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext, type WorkflowPatch } from '@cp/contracts';
import { workflowDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';
import { existingAgentIds } from '../shared/registry-lookup';

export class UpdateWorkflowRequest {
  constructor(readonly context: RequestContext, readonly workflowId: string, readonly patch: WorkflowPatch) {}
}

@CommandHandler(UpdateWorkflowRequest)
export class UpdateWorkflowHandler implements ICommandHandler<UpdateWorkflowRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, workflowId, patch }: UpdateWorkflowRequest) {
    const existing = await existingAgentIds(this.eventStore, context.organizationId, (patch.steps ?? []).map((step) => step.agent_id));
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('workflow', workflowId), workflowDecider, {
      type: 'UpdateWorkflow',
      data: { workflow_id: workflowId, patch, existing_agent_ids: existing },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: workflowId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
