import { AGENT_RUNTIME_TYPES } from './registry';

/**
 * JSON Schemas (OpenAPI 3.1 components) of the registry API, validated by the gateway like the job schemas.
 * Runtime fields that depend on `type` are required through if/then, so each missing field is reported at its place.
 */
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
const name = { type: 'string', minLength: 1, maxLength: 255, title: 'Name' };
const description = { ...nullableString, title: 'Description' };
const httpUrl = { type: 'string', pattern: '^https?://', title: 'Url' };
const requiredWhen = (type: string, fields: string[]) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then: { required: fields } });

export const AgentRuntimeSchema = {
  type: 'object',
  title: 'AgentRuntime',
  description: "How the worker runs the agent: 'command' (an executable, prompt on stdin), 'http' (POST to a URL) or 'openai' (chat completions)",
  properties: {
    type: { type: 'string', enum: [...AGENT_RUNTIME_TYPES], title: 'Type' },
    command: { type: 'string', minLength: 1, title: 'Command', description: "command: the executable (run without a shell)" },
    args: { type: 'array', items: { type: 'string' }, default: [], title: 'Args', description: 'command: its arguments' },
    url: { ...httpUrl, description: 'http: the URL the prompt is POSTed to' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, default: {}, title: 'Headers', description: 'http: extra request headers' },
    base_url: { ...httpUrl, title: 'Base Url', description: 'openai: base URL of an OpenAI-compatible API (…/v1)' },
    model: { type: 'string', minLength: 1, title: 'Model', description: 'openai: model name' },
    api_key_secret: { ...nullableString, title: 'Api Key Secret', description: 'openai: API key; stored encrypted and never returned' },
    temperature: { anyOf: [{ type: 'number', minimum: 0, maximum: 2 }, { type: 'null' }], title: 'Temperature' },
  },
  required: ['type'],
  allOf: [requiredWhen('command', ['command']), requiredWhen('http', ['url']), requiredWhen('openai', ['base_url', 'model'])],
} as const;

const runtimeRef = { $ref: '#/components/schemas/AgentRuntime' };
const capabilitiesList = { type: 'array', items: { type: 'string', minLength: 1 }, title: 'Capabilities', description: 'Tags matched by on-the-fly planning' };
const capabilities = { ...capabilitiesList, default: [] };
const defaultQueue = { ...nullableString, title: 'Default Worker Queue', description: "Queue of this agent's executions when the job's executor_type is 'auto'" };

export const AgentCreateSchema = {
  type: 'object',
  title: 'AgentCreate',
  properties: { name, description, capabilities, runtime: runtimeRef, default_worker_queue: defaultQueue },
  required: ['name', 'runtime'],
} as const;

export const AgentUpdateSchema = {
  type: 'object',
  title: 'AgentUpdate',
  properties: { name, description, capabilities: capabilitiesList, runtime: runtimeRef, default_worker_queue: defaultQueue },
} as const;

const memberIds = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, title: 'Member Agent Ids', description: 'Agents run in this order' };

export const TeamCreateSchema = {
  type: 'object',
  title: 'TeamCreate',
  properties: { name, description, member_agent_ids: memberIds },
  required: ['name', 'member_agent_ids'],
} as const;

export const TeamUpdateSchema = { type: 'object', title: 'TeamUpdate', properties: { name, description, member_agent_ids: memberIds } } as const;

export const WorkflowStepSchema = {
  type: 'object',
  title: 'WorkflowStep',
  properties: {
    agent_id: { type: 'string', minLength: 1, title: 'Agent Id' },
    prompt_template: { type: 'string', minLength: 1, title: 'Prompt Template', description: 'Job parameters as {{name}}, the previous step as {{previous_output}}' },
  },
  required: ['agent_id', 'prompt_template'],
} as const;

const steps = { type: 'array', items: { $ref: '#/components/schemas/WorkflowStep' }, minItems: 1, title: 'Steps' };

export const WorkflowCreateSchema = { type: 'object', title: 'WorkflowCreate', properties: { name, description, steps }, required: ['name', 'steps'] } as const;
export const WorkflowUpdateSchema = { type: 'object', title: 'WorkflowUpdate', properties: { name, description, steps } } as const;

const entryProperties = {
  id: { type: 'string', title: 'Id' },
  organization_id: { type: 'string', title: 'Organization Id' },
  name: { type: 'string', title: 'Name' },
  description,
  created_at: { type: 'string', format: 'date-time', title: 'Created At' },
  updated_at: { type: 'string', format: 'date-time', title: 'Updated At' },
  created_by: { ...nullableString, title: 'Created By' },
  updated_by: { ...nullableString, title: 'Updated By' },
};
const entryRequired = Object.keys(entryProperties);

export const AgentResponseSchema = {
  type: 'object',
  title: 'AgentResponse',
  properties: {
    ...entryProperties,
    capabilities: { type: 'array', items: { type: 'string' }, title: 'Capabilities' },
    runtime: { type: 'object', additionalProperties: true, title: 'Runtime', description: "The runtime; an 'openai' runtime shows has_api_key_secret instead of the key" },
    default_worker_queue: defaultQueue,
  },
  required: [...entryRequired, 'capabilities', 'runtime', 'default_worker_queue'],
} as const;

export const TeamResponseSchema = {
  type: 'object',
  title: 'TeamResponse',
  properties: { ...entryProperties, member_agent_ids: { type: 'array', items: { type: 'string' }, title: 'Member Agent Ids' } },
  required: [...entryRequired, 'member_agent_ids'],
} as const;

export const WorkflowResponseSchema = {
  type: 'object',
  title: 'WorkflowResponse',
  properties: { ...entryProperties, steps: { type: 'array', items: { $ref: '#/components/schemas/WorkflowStep' }, title: 'Steps' } },
  required: [...entryRequired, 'steps'],
} as const;

export const REGISTRY_COMPONENT_SCHEMAS = {
  AgentRuntime: AgentRuntimeSchema,
  AgentCreate: AgentCreateSchema,
  AgentUpdate: AgentUpdateSchema,
  AgentResponse: AgentResponseSchema,
  TeamCreate: TeamCreateSchema,
  TeamUpdate: TeamUpdateSchema,
  TeamResponse: TeamResponseSchema,
  WorkflowStep: WorkflowStepSchema,
  WorkflowCreate: WorkflowCreateSchema,
  WorkflowUpdate: WorkflowUpdateSchema,
  WorkflowResponse: WorkflowResponseSchema,
} as const;
