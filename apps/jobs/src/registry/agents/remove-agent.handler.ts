import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext } from '@cp/contracts';
import { agentDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';

export class RemoveAgentRequest {
  constructor(readonly context: RequestContext, readonly agentId: string) {}
}

@CommandHandler(RemoveAgentRequest)
export class RemoveAgentHandler implements ICommandHandler<RemoveAgentRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, agentId }: RemoveAgentRequest) {
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('agent', agentId), agentDecider, {
      type: 'RemoveAgent',
      data: { agent_id: agentId },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: agentId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
