import { validationFailed, type AgentDefinitionInput, type AgentPatchInput, type AgentRuntimeInput, type TeamDefinition, type TeamPatch, type WorkflowDefinition, type WorkflowPatch } from '@cp/contracts';
import { parseIntegerQuery } from '../validation/query-params';
import { validateBody } from '../validation/request-validator';

type RuntimeBody = { type: AgentRuntimeInput['type']; [field: string]: unknown };

/** Keeps the fields of the runtime's own type only (a command runtime carries no url, ...). */
function runtimeInput(body: RuntimeBody): AgentRuntimeInput {
  switch (body.type) {
    case 'command':
      return { type: 'command', command: body.command as string, args: (body.args as string[] | undefined) ?? [] };
    case 'http':
      return { type: 'http', url: body.url as string, headers: (body.headers as Record<string, string> | undefined) ?? {} };
    case 'openai': {
      const runtime: AgentRuntimeInput = { type: 'openai', base_url: body.base_url as string, model: body.model as string, temperature: (body.temperature as number | null | undefined) ?? null };
      return body.api_key_secret === undefined ? runtime : { ...runtime, api_key_secret: body.api_key_secret as string | null };
    }
    default: {
      const unreachable: never = body.type;
      return unreachable;
    }
  }
}

function validated<T>(component: Parameters<typeof validateBody>[0], body: unknown): T {
  const input = validateBody<T>(component, body ?? null);
  if (!input.ok) throw validationFailed(input.issues);
  return input.value;
}

export function agentCreateInput(body: unknown): AgentDefinitionInput {
  const value = validated<Omit<AgentDefinitionInput, 'runtime'> & { runtime: RuntimeBody }>('AgentCreate', body);
  return { name: value.name, description: value.description ?? null, capabilities: value.capabilities, runtime: runtimeInput(value.runtime), default_worker_queue: value.default_worker_queue ?? null };
}

export function agentPatchInput(body: unknown): AgentPatchInput {
  const { runtime, ...rest } = validated<Omit<AgentPatchInput, 'runtime'> & { runtime?: RuntimeBody }>('AgentUpdate', body ?? {});
  return runtime ? { ...rest, runtime: runtimeInput(runtime) } : rest;
}

export function teamCreateInput(body: unknown): TeamDefinition {
  const value = validated<TeamDefinition>('TeamCreate', body);
  return { name: value.name, description: value.description ?? null, member_agent_ids: value.member_agent_ids };
}

export const teamPatchInput = (body: unknown): TeamPatch => validated<TeamPatch>('TeamUpdate', body ?? {});

export function workflowCreateInput(body: unknown): WorkflowDefinition {
  const value = validated<WorkflowDefinition>('WorkflowCreate', body);
  const steps = value.steps.map((step) => ({ agent_id: step.agent_id, prompt_template: step.prompt_template }));
  return { name: value.name, description: value.description ?? null, steps };
}

export function workflowPatchInput(body: unknown): WorkflowPatch {
  const value = validated<WorkflowPatch>('WorkflowUpdate', body ?? {});
  return value.steps ? { ...value, steps: value.steps.map((step) => ({ agent_id: step.agent_id, prompt_template: step.prompt_template })) } : value;
}

/** `?limit=&offset=` of the list endpoints (the MCP server probes GET /api/v1/agents?limit=1 at start-up). */
export function pageQuery(limit: unknown, offset: unknown): { limit: number; offset: number } {
  return { limit: parseIntegerQuery('limit', limit, 100, 1, 1000), offset: parseIntegerQuery('offset', offset, 0, 0, 1_000_000) };
}
