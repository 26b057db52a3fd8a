import {
  conflict,
  type AgentCommand,
  type AgentDefinition,
  type AgentEvent,
  type AgentRuntime,
  type AgentRuntimeChange,
  type RegisterAgent,
  type RemoveAgent,
  type UpdateAgent,
} from '@cp/contracts';
import { changedFields, definedFields, registeredEntry, removedEntry, requireLiveEntry, updatedEntry, type RegistryEntryState } from './registry-entry';

export type AgentState = RegistryEntryState<AgentDefinition>;

export const initialAgentState = (): AgentState => ({ status: 'absent' });

export function evolveAgent(state: AgentState, event: AgentEvent): AgentState {
  switch (event.type) {
    case 'AgentRegistered':
      return registeredEntry(event.data.agent_id, event.data.organization_id, event.data.definition);
    case 'AgentUpdated':
      return updatedEntry(state, event.data.changes);
    case 'AgentRemoved':
      return removedEntry(state);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function registerAgent(command: RegisterAgent, state: AgentState): AgentEvent[] {
  if (state.status !== 'absent') throw conflict(`Agent ${command.data.agent_id} already exists`);
  const { agent_id, definition } = command.data;
  return [{ type: 'AgentRegistered', data: { agent_id, organization_id: command.metadata.organizationId, definition } }];
}

/** An OpenAI runtime given without a key keeps the key of the current OpenAI runtime (so a PATCH need not resend it). */
function nextRuntime(current: AgentRuntime, change: AgentRuntimeChange): AgentRuntime {
  if (change.type !== 'openai') return change;
  if (change.api_key_encrypted !== undefined) return { ...change, api_key_encrypted: change.api_key_encrypted };
  return { ...change, api_key_encrypted: current.type === 'openai' ? current.api_key_encrypted : null };
}

function updateAgent(command: UpdateAgent, state: AgentState): AgentEvent[] {
  const agent = requireLiveEntry('agent', state, command.data.agent_id, command.metadata.organizationId);
  const { runtime, ...rest } = definedFields(command.data.patch);
  const next: AgentDefinition = { ...agent.definition, ...rest, ...(runtime ? { runtime: nextRuntime(agent.definition.runtime, runtime) } : {}) };
  const changes = changedFields(agent.definition, next);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'AgentUpdated', data: { agent_id: agent.id, changes } }];
}

function removeAgent(command: RemoveAgent, state: AgentState): AgentEvent[] {
  const agent = requireLiveEntry('agent', state, command.data.agent_id, command.metadata.organizationId);
  return [{ type: 'AgentRemoved', data: { agent_id: agent.id } }];
}

export function decideAgent(command: AgentCommand, state: AgentState): AgentEvent[] {
  switch (command.type) {
    case 'RegisterAgent':
      return registerAgent(command, state);
    case 'UpdateAgent':
      return updateAgent(command, state);
    case 'RemoveAgent':
      return removeAgent(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const agentDecider = { decide: decideAgent, evolve: evolveAgent, initialState: initialAgentState };
