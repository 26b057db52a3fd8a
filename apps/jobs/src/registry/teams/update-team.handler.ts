import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext, type TeamPatch } from '@cp/contracts';
import { teamDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';
import { existingAgentIds } from '../shared/registry-lookup';

export class UpdateTeamRequest {
  constructor(readonly context: RequestContext, readonly teamId: string, readonly patch: TeamPatch) {}
}

@CommandHandler(UpdateTeamRequest)
export class UpdateTeamHandler implements ICommandHandler<UpdateTeamRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, teamId, patch }: UpdateTeamRequest) {
    const existing = await existingAgentIds(this.eventStore, context.organizationId, patch.member_agent_ids ?? []);
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('team', teamId), teamDecider, {
      type: 'UpdateTeam',
      data: { team_id: teamId, patch, existing_agent_ids: existing },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: teamId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
