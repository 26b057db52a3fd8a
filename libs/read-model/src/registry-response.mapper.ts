import type { AgentResponse, AgentRuntime, AgentRuntimeView, TeamResponse, WorkflowResponse } from '@cp/contracts';
import type { RegistryEntry } from './registry.queries';

type EntryFields = Pick<AgentResponse, 'id' | 'organization_id' | 'created_at' | 'updated_at' | 'created_by' | 'updated_by'>;

function entryFields(row: RegistryEntry<'agent' | 'team' | 'workflow'>): EntryFields {
  return {
    id: row.id,
    organization_id: row.organization_id,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    created_by: row.created_by,
    updated_by: row.updated_by,
  };
}

/** Never the OpenAI key (not even encrypted): only whether one is set. */
export function toRuntimeView(runtime: AgentRuntime): AgentRuntimeView {
  if (runtime.type !== 'openai') return runtime;
  const { api_key_encrypted, ...rest } = runtime;
  return { ...rest, has_api_key_secret: api_key_encrypted !== null };
}

export function toAgentResponse(row: RegistryEntry<'agent'>): AgentResponse {
  const { name, description, capabilities, runtime, default_worker_queue } = row.definition;
  return { ...entryFields(row), name, description, capabilities, runtime: toRuntimeView(runtime), default_worker_queue };
}

export function toTeamResponse(row: RegistryEntry<'team'>): TeamResponse {
  const { name, description, member_agent_ids } = row.definition;
  return { ...entryFields(row), name, description, member_agent_ids };
}

export function toWorkflowResponse(row: RegistryEntry<'workflow'>): WorkflowResponse {
  const { name, description, steps } = row.definition;
  return { ...entryFields(row), name, description, steps };
}
