import { conflict, type RegisterTeam, type RemoveTeam, type TeamCommand, type TeamDefinition, type TeamEvent, type UpdateTeam } from '@cp/contracts';
import {
  changedFields,
  definedFields,
  missingAgentIssues,
  registeredEntry,
  removedEntry,
  requireLiveEntry,
  throwIfIssues,
  updatedEntry,
  type RegistryEntryState,
} from './registry-entry';

export type TeamState = RegistryEntryState<TeamDefinition>;

export const initialTeamState = (): TeamState => ({ status: 'absent' });

export function evolveTeam(state: TeamState, event: TeamEvent): TeamState {
  switch (event.type) {
    case 'TeamRegistered':
      return registeredEntry(event.data.team_id, event.data.organization_id, event.data.definition);
    case 'TeamUpdated':
      return updatedEntry(state, event.data.changes);
    case 'TeamRemoved':
      return removedEntry(state);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function requireMembers(memberIds: string[], existingAgentIds: string[]): void {
  const references = memberIds.map((agentId, index) => ({ agentId, loc: ['member_agent_ids', index] }));
  throwIfIssues(missingAgentIssues(references, existingAgentIds));
}

function registerTeam(command: RegisterTeam, state: TeamState): TeamEvent[] {
  if (state.status !== 'absent') throw conflict(`Team ${command.data.team_id} already exists`);
  const { team_id, definition, existing_agent_ids } = command.data;
  requireMembers(definition.member_agent_ids, existing_agent_ids);
  return [{ type: 'TeamRegistered', data: { team_id, organization_id: command.metadata.organizationId, definition } }];
}

function updateTeam(command: UpdateTeam, state: TeamState): TeamEvent[] {
  const team = requireLiveEntry('team', state, command.data.team_id, command.metadata.organizationId);
  const patch = definedFields(command.data.patch);
  if (patch.member_agent_ids) requireMembers(patch.member_agent_ids, command.data.existing_agent_ids);
  const changes = changedFields(team.definition, { ...team.definition, ...patch });
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'TeamUpdated', data: { team_id: team.id, changes } }];
}

function removeTeam(command: RemoveTeam, state: TeamState): TeamEvent[] {
  const team = requireLiveEntry('team', state, command.data.team_id, command.metadata.organizationId);
  return [{ type: 'TeamRemoved', data: { team_id: team.id } }];
}

export function decideTeam(command: TeamCommand, state: TeamState): TeamEvent[] {
  switch (command.type) {
    case 'RegisterTeam':
      return registerTeam(command, state);
    case 'UpdateTeam':
      return updateTeam(command, state);
    case 'RemoveTeam':
      return removeTeam(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const teamDecider = { decide: decideTeam, evolve: evolveTeam, initialState: initialTeamState };
