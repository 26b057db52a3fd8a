import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext, type WorkflowDefinition } from '@cp/contracts';
import { workflowDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';
import { existingAgentIds } from '../shared/registry-lookup';

export class RegisterWorkflowRequest {
  constructor(readonly context: RequestContext, readonly definition: WorkflowDefinition) {}
}

@CommandHandler(RegisterWorkflowRequest)
export class RegisterWorkflowHandler implements ICommandHandler<RegisterWorkflowRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, definition }: RegisterWorkflowRequest) {
    const workflowId = randomUUID();
    const existing = await existingAgentIds(this.eventStore, context.organizationId, definition.steps.map((step) => step.agent_id));
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('workflow', workflowId), workflowDecider, {
      type: 'RegisterWorkflow',
      data: { workflow_id: workflowId, definition, existing_agent_ids: existing },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: workflowId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
