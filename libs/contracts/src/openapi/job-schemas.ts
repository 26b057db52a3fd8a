import { EXECUTOR_TYPES, ENTITY_TYPES, PLANNING_MODES, TRIGGER_TYPES } from '../job';

/**
 * JSON Schemas (OpenAPI 3.1 components) of seed 000/002/003, used twice: served at /api/openapi.json and
 * compiled by the gateway to validate requests, so the documented contract and the enforced one cannot drift.
 * Enums are our addition: the seed documents the allowed values only in descriptions.
 */
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };

export const ExecutionEnvironmentSchema = {
  type: 'object',
  title: 'ExecutionEnvironment',
  description: 'Execution environment configuration for jobs',
  properties: {
    env_vars: { type: 'object', additionalProperties: { type: 'string' }, default: {}, title: 'Env Vars', description: 'Environment variables (key-value pairs)' },
    secrets: { type: 'array', items: { type: 'string' }, default: [], title: 'Secrets', description: 'Secret names from Kubiya vault' },
    integration_ids: { type: 'array', items: { type: 'string' }, default: [], title: 'Integration Ids', description: 'Integration UUIDs for delegated credentials' },
    mcp_servers: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, default: {}, title: 'Mcp Servers', description: 'MCP (Model Context Protocol) server configurations. Supports stdio, HTTP, and SSE transports.' },
  },
} as const;

const executionEnvironmentRef = { anyOf: [{ $ref: '#/components/schemas/ExecutionEnvironment' }, { type: 'null' }] };

const editableProperties = {
  name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'Job name' },
  description: { ...nullable(str), title: 'Description', description: 'Job description' },
  enabled: { type: 'boolean', title: 'Enabled', description: 'Whether the job is enabled', default: true },
  trigger_type: { type: 'string', enum: [...TRIGGER_TYPES], title: 'Trigger Type', description: "Trigger type: 'cron', 'webhook', or 'manual'" },
  cron_schedule: { ...nullable(str), title: 'Cron Schedule', description: "Cron expression (e.g., '0 17 * * *' for daily at 5pm)" },
  cron_timezone: { ...nullable(str), title: 'Cron Timezone', description: "Timezone for cron schedule (e.g., 'America/New_York')", default: 'UTC' },
  planning_mode: { type: 'string', enum: [...PLANNING_MODES], title: 'Planning Mode', description: "Planning mode: 'on_the_fly', 'predefined_agent', 'predefined_team', or 'predefined_workflow'", default: 'predefined_agent' },
  entity_type: { anyOf: [{ type: 'string', enum: [...ENTITY_TYPES] }, { type: 'null' }], title: 'Entity Type', description: "Entity type: 'agent', 'team', or 'workflow'" },
  entity_id: { ...nullable(str), title: 'Entity Id', description: 'Entity ID (agent_id, team_id, or workflow_id)' },
  prompt_template: { type: 'string', title: 'Prompt Template', description: 'Prompt template (can include {{variables}} for dynamic params)' },
  system_prompt: { ...nullable(str), title: 'System Prompt', description: 'Optional system prompt' },
  executor_type: { type: 'string', enum: [...EXECUTOR_TYPES], title: 'Executor Type', description: "Executor routing: 'auto', 'specific_queue', or 'environment'", default: 'auto' },
  worker_queue_name: { ...nullable(str), title: 'Worker Queue Name', description: "Worker queue name for 'specific_queue' executor type" },
  environment_name: { ...nullable(str), title: 'Environment Name', description: "Environment name for 'environment' executor type" },
  config: { type: 'object', additionalProperties: true, title: 'Config', description: 'Additional execution config (timeout, retry, etc.)' },
  execution_environment: { ...executionEnvironmentRef, description: 'Execution environment: env vars, secrets, integrations' },
} as const;

export const JobCreateSchema = {
  type: 'object',
  title: 'JobCreate',
  description: 'Schema for creating a new job',
  properties: editableProperties,
  required: ['name', 'trigger_type', 'prompt_template'],
} as const;

/** Every field optional, no defaults: a PATCH changes only what it names. */
export const JobUpdateSchema = {
  type: 'object',
  title: 'JobUpdate',
  description: 'Schema for updating a job (partial)',
  properties: Object.fromEntries(
    Object.entries(editableProperties).map(([key, schema]) => {
      const { default: _default, ...rest } = schema as Record<string, unknown>;
      return [key, 'anyOf' in rest ? rest : { ...rest, type: [rest.type, 'null'] }];
    }),
  ),
} as const;

const responseProperties = {
  id: { type: 'string', title: 'Id' },
  organization_id: { type: 'string', title: 'Organization Id' },
  name: { type: 'string', title: 'Name' },
  description: { ...nullable(str), title: 'Description' },
  enabled: { type: 'boolean', title: 'Enabled' },
  status: { type: 'string', title: 'Status' },
  trigger_type: { type: 'string', title: 'Trigger Type' },
  cron_schedule: { ...nullable(str), title: 'Cron Schedule' },
  cron_timezone: { ...nullable(str), title: 'Cron Timezone' },
  webhook_url: { ...nullable(str), title: 'Webhook Url', description: 'Full webhook URL (generated from webhook_url_path)' },
  webhook_secret: { ...nullable(str), title: 'Webhook Secret', description: 'Webhook HMAC secret for signature verification' },
  temporal_schedule_id: { ...nullable(str), title: 'Temporal Schedule Id' },
  planning_mode: { type: 'string', title: 'Planning Mode' },
  entity_type: { ...nullable(str), title: 'Entity Type' },
  entity_id: { ...nullable(str), title: 'Entity Id' },
  entity_name: { ...nullable(str), title: 'Entity Name' },
  prompt_template: { type: 'string', title: 'Prompt Template' },
  system_prompt: { ...nullable(str), title: 'System Prompt' },
  executor_type: { type: 'string', title: 'Executor Type' },
  worker_queue_name: { ...nullable(str), title: 'Worker Queue Name' },
  environment_name: { ...nullable(str), title: 'Environment Name' },
  config: { type: 'object', additionalProperties: true, title: 'Config' },
  execution_environment: executionEnvironmentRef,
  last_execution_id: { ...nullable(str), title: 'Last Execution Id' },
  last_execution_at: { ...nullable(dateTime), title: 'Last Execution At' },
  next_execution_at: { ...nullable(dateTime), title: 'Next Execution At' },
  total_executions: { type: 'integer', title: 'Total Executions' },
  successful_executions: { type: 'integer', title: 'Successful Executions' },
  failed_executions: { type: 'integer', title: 'Failed Executions' },
  execution_history: { type: 'array', items: { type: 'object', additionalProperties: true }, title: 'Execution History' },
  created_by: { ...nullable(str), title: 'Created By' },
  updated_by: { ...nullable(str), title: 'Updated By' },
  created_by_email: { ...nullable(str), title: 'Created By Email', description: 'Email of the user who created the job (enriched)' },
  updated_by_email: { ...nullable(str), title: 'Updated By Email', description: 'Email of the user who last updated the job (enriched)' },
  created_at: { ...dateTime, title: 'Created At' },
  updated_at: { ...dateTime, title: 'Updated At' },
  last_triggered_at: { ...nullable(dateTime), title: 'Last Triggered At' },
} as const;

export const JobResponseSchema = {
  type: 'object',
  title: 'JobResponse',
  description: 'Schema for job response',
  properties: responseProperties,
  required: Object.keys(responseProperties).filter((k) => k !== 'webhook_url' && k !== 'webhook_secret' && k !== 'created_by_email' && k !== 'updated_by_email'),
} as const;

export const JobTriggerRequestSchema = {
  type: 'object',
  title: 'JobTriggerRequest',
  description: 'Schema for manually triggering a job',
  properties: {
    parameters: { type: 'object', additionalProperties: true, title: 'Parameters', description: 'Parameters to substitute in prompt template (e.g., {{param_name}})' },
    config_override: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }], title: 'Config Override', description: 'Optional config overrides for this execution' },
  },
} as const;

export const JobTriggerResponseSchema = {
  type: 'object',
  title: 'JobTriggerResponse',
  description: 'Schema for job trigger response',
  properties: {
    job_id: { type: 'string', title: 'Job Id' },
    execution_id: { type: 'string', title: 'Execution Id' },
    workflow_id: { type: 'string', title: 'Workflow Id' },
    status: { type: 'string', title: 'Status' },
    message: { type: 'string', title: 'Message' },
  },
  required: ['job_id', 'execution_id', 'workflow_id', 'status', 'message'],
} as const;

export const ValidationErrorSchema = {
  type: 'object',
  title: 'ValidationError',
  properties: {
    loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, title: 'Location' },
    msg: { type: 'string', title: 'Message' },
    type: { type: 'string', title: 'Error Type' },
  },
  required: ['loc', 'msg', 'type'],
} as const;

export const HTTPValidationErrorSchema = {
  type: 'object',
  title: 'HTTPValidationError',
  properties: { detail: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' }, title: 'Detail' } },
} as const;

export const JOB_COMPONENT_SCHEMAS = {
  JobCreate: JobCreateSchema,
  JobUpdate: JobUpdateSchema,
  JobResponse: JobResponseSchema,
  JobTriggerRequest: JobTriggerRequestSchema,
  JobTriggerResponse: JobTriggerResponseSchema,
  ExecutionEnvironment: ExecutionEnvironmentSchema,
  ValidationError: ValidationErrorSchema,
  HTTPValidationError: HTTPValidationErrorSchema,
} as const;
