import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext, type TeamDefinition } from '@cp/contracts';
import { teamDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';
import { existingAgentIds } from '../shared/registry-lookup';

export class RegisterTeamRequest {
  constructor(readonly context: RequestContext, readonly definition: TeamDefinition) {}
}

@CommandHandler(RegisterTeamRequest)
export class RegisterTeamHandler implements ICommandHandler<RegisterTeamRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, definition }: RegisterTeamRequest) {
    const teamId = randomUUID();
    const existing = await existingAgentIds(this.eventStore, context.organizationId, definition.member_agent_ids);
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('team', teamId), teamDecider, {
      type: 'RegisterTeam',
      data: { team_id: teamId, definition, existing_agent_ids: existing },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: teamId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
