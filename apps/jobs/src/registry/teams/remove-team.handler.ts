import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { registryStreamId, type RegistryServiceResult, type RequestContext } from '@cp/contracts';
import { teamDecider } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE } from '@cp/runtime';
import { commandMetadata } from '../../shared/command-metadata';
import { handleRegistryCommand } from '../shared/registry-command-handler';

export class RemoveTeamRequest {
  constructor(readonly context: RequestContext, readonly teamId: string) {}
}

@CommandHandler(RemoveTeamRequest)
export class RemoveTeamHandler implements ICommandHandler<RemoveTeamRequest> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ context, teamId }: RemoveTeamRequest) {
    const outcome = await handleRegistryCommand(this.eventStore, registryStreamId('team', teamId), teamDecider, {
      type: 'RemoveTeam',
      data: { team_id: teamId },
      metadata: commandMetadata(context),
    });
    const result: RegistryServiceResult = { id: teamId };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
