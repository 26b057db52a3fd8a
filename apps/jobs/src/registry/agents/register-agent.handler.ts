import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import { registryStreamId, type AgentDefinitionInput, type RegistryServiceResult, type RequestContext } from '@cp/contracts';
import { agentDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { sealRuntime } from '../shared/agent-runtime-secret';
import { handleRegistryCommand } from '../shared/registry-command-handler';

export class RegisterAgentRequest {
  constructor(readonly context: RequestContext, readonly definition: AgentDefinitionInput) {}
}

@CommandHandler(RegisterAgentRequest)
export class RegisterAgentHandler implements ICommandHandler<RegisterAgentRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, definition }: RegisterAgentRequest) {
    const agentId = randomUUID();
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('agent', agentId), agentDecider, {
      type: 'RegisterAgent',
      data: { agent_id: agentId, definition: { ...definition, runtime: sealRuntime(this.secretBox, definition.runtime) } },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: agentId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
