import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext } from '@cp/contracts';
import { workflowDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';

export class RemoveWorkflowRequest {
  constructor(readonly context: RequestContext, readonly workflowId: string) {}
}

@CommandHandler(RemoveWorkflowRequest)
export class RemoveWorkflowHandler implements ICommandHandler<RemoveWorkflowRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, workflowId }: RemoveWorkflowRequest) {
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('workflow', workflowId), workflowDecider, {
      type: 'RemoveWorkflow',
      data: { workflow_id: workflowId },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: workflowId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
