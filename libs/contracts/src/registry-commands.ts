import type { RequestContext } from './job-commands';
import type { Command } from './messages';
import type {
  AgentDefinition,
  AgentRuntimeInput,
  CommandRuntime,
  HttpRuntime,
  OpenAiRuntime,
  TeamDefinition,
  WorkflowDefinition,
} from './registry';

/** A new runtime; an OpenAI runtime without `api_key_encrypted` keeps the key the agent already has. */
export type AgentRuntimeChange = CommandRuntime | HttpRuntime | (Omit<OpenAiRuntime, 'api_key_encrypted'> & { api_key_encrypted?: string | null });
export type AgentPatch = Partial<Omit<AgentDefinition, 'runtime'>> & { runtime?: AgentRuntimeChange };
export type TeamPatch = Partial<TeamDefinition>;
export type WorkflowPatch = Partial<WorkflowDefinition>;

export type RegisterAgent = Command<'RegisterAgent', { agent_id: string; definition: AgentDefinition }>;
export type UpdateAgent = Command<'UpdateAgent', { agent_id: string; patch: AgentPatch }>;
export type RemoveAgent = Command<'RemoveAgent', { agent_id: string }>;
export type AgentCommand = RegisterAgent | UpdateAgent | RemoveAgent;

/** `existing_agent_ids`: which of the referenced agents the handler found live in the organization. */
export type RegisterTeam = Command<'RegisterTeam', { team_id: string; definition: TeamDefinition; existing_agent_ids: string[] }>;
export type UpdateTeam = Command<'UpdateTeam', { team_id: string; patch: TeamPatch; existing_agent_ids: string[] }>;
export type RemoveTeam = Command<'RemoveTeam', { team_id: string }>;
export type TeamCommand = RegisterTeam | UpdateTeam | RemoveTeam;

export type RegisterWorkflow = Command<'RegisterWorkflow', { workflow_id: string; definition: WorkflowDefinition; existing_agent_ids: string[] }>;
export type UpdateWorkflow = Command<'UpdateWorkflow', { workflow_id: string; patch: WorkflowPatch; existing_agent_ids: string[] }>;
export type RemoveWorkflow = Command<'RemoveWorkflow', { workflow_id: string }>;
export type WorkflowCommand = RegisterWorkflow | UpdateWorkflow | RemoveWorkflow;

/** Wire payloads of the registry's NATS commands (`cmd.registry.<name>`), sent by the gateway. */
export const REGISTRY_SERVICE = 'registry';

export type AgentDefinitionInput = Omit<AgentDefinition, 'runtime'> & { runtime: AgentRuntimeInput };
export type AgentPatchInput = Partial<Omit<AgentDefinition, 'runtime'>> & { runtime?: AgentRuntimeInput };

export type RegistryServiceRequests = {
  create_agent: { context: RequestContext; definition: AgentDefinitionInput };
  update_agent: { context: RequestContext; agent_id: string; patch: AgentPatchInput };
  remove_agent: { context: RequestContext; agent_id: string };
  create_team: { context: RequestContext; definition: TeamDefinition };
  update_team: { context: RequestContext; team_id: string; patch: TeamPatch };
  remove_team: { context: RequestContext; team_id: string };
  create_workflow: { context: RequestContext; definition: WorkflowDefinition };
  update_workflow: { context: RequestContext; workflow_id: string; patch: WorkflowPatch };
  remove_workflow: { context: RequestContext; workflow_id: string };
};
export type RegistryServiceResult = { id: string };
