import type { EntityType } from './job';

/**
 * The registry of what a job runs (issue 4 §1): agents, teams of agents and workflows of agent steps.
 * Each entry is event-sourced in its own stream `agent-<id>`, `team-<id>`, `workflow-<id>`.
 */
export type RegistryKind = EntityType;
export const REGISTRY_KINDS: readonly RegistryKind[] = ['agent', 'team', 'workflow'];

export const registryStreamId = (kind: RegistryKind, id: string): string => `${kind}-${id}`;

export const AGENT_RUNTIME_TYPES = ['command', 'http', 'openai'] as const;
export type AgentRuntimeType = (typeof AGENT_RUNTIME_TYPES)[number];

/** Runs an executable directly (no shell): the rendered prompt on stdin, its stdout/stderr lines are the logs. */
export type CommandRuntime = { type: 'command'; command: string; args: string[] };
/** POSTs `{prompt, system_prompt, execution_id}` to `url`; the response body is the output. */
export type HttpRuntime = { type: 'http'; url: string; headers: Record<string, string> };
/** An OpenAI-compatible chat-completions endpoint. The API key is kept only encrypted (SecretBox). */
export type OpenAiRuntime = { type: 'openai'; base_url: string; model: string; api_key_encrypted: string | null; temperature: number | null };
export type AgentRuntime = CommandRuntime | HttpRuntime | OpenAiRuntime;

/** As sent by API clients: the OpenAI key in plain text (`api_key_secret`), encrypted before it is stored. */
export type OpenAiRuntimeInput = Omit<OpenAiRuntime, 'api_key_encrypted'> & { api_key_secret?: string | null };
export type AgentRuntimeInput = CommandRuntime | HttpRuntime | OpenAiRuntimeInput;

/** As shown by the API: never the key itself, only whether one is set. */
export type OpenAiRuntimeView = Omit<OpenAiRuntime, 'api_key_encrypted'> & { has_api_key_secret: boolean };
export type AgentRuntimeView = CommandRuntime | HttpRuntime | OpenAiRuntimeView;

export type AgentDefinition = {
  name: string;
  description: string | null;
  /** Free-form tags used by on-the-fly planning to pick an agent for a prompt. */
  capabilities: string[];
  runtime: AgentRuntime;
  /** Queue an `auto`-routed execution of this agent goes to; null = the default queue. */
  default_worker_queue: string | null;
};

export type TeamDefinition = {
  name: string;
  description: string | null;
  /** Run in this order; each member sees the previous member's output. */
  member_agent_ids: string[];
};

export type WorkflowStep = { agent_id: string; prompt_template: string };

export type WorkflowDefinition = {
  name: string;
  description: string | null;
  /** Run in order; a step's template may use the job parameters and `{{previous_output}}`. */
  steps: WorkflowStep[];
};

export type RegistryDefinitions = { agent: AgentDefinition; team: TeamDefinition; workflow: WorkflowDefinition };

type EntryResponse = {
  id: string;
  organization_id: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
};

export type AgentResponse = EntryResponse & Omit<AgentDefinition, 'runtime'> & { runtime: AgentRuntimeView };
export type TeamResponse = EntryResponse & TeamDefinition;
export type WorkflowResponse = EntryResponse & WorkflowDefinition;

/** A registry entry a job refers to, as the jobs service found it (passed into the job decider, which stays pure). */
export type ResolvedEntity = { type: RegistryKind; id: string; name: string };
