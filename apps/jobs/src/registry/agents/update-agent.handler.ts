import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import { registryStreamId, type AgentPatch, type AgentPatchInput, type RegistryServiceResult, type RequestContext } from '@cp/contracts';
import { agentDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { sealRuntimeChange } from '../shared/agent-runtime-secret';
import { handleRegistryCommand } from '../shared/registry-command-handler';

export class UpdateAgentRequest {
  constructor(readonly context: RequestContext, readonly agentId: string, readonly patch: AgentPatchInput) {}
}

@CommandHandler(UpdateAgentRequest)
export class UpdateAgentHandler implements ICommandHandler<UpdateAgentRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, agentId, patch }: UpdateAgentRequest) {
    const { runtime, ...rest } = patch;
    const sealed: AgentPatch = runtime ? { ...rest, runtime: sealRuntimeChange(this.secretBox, runtime) } : rest;
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('agent', agentId), agentDecider, {
      type: 'UpdateAgent',
      data: { agent_id: agentId, patch: sealed },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: agentId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
