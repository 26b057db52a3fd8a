export const TRIGGER_TYPES = ['cron', 'webhook', 'manual'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const PLANNING_MODES = ['on_the_fly', 'predefined_agent', 'predefined_team', 'predefined_workflow'] as const;
export type PlanningMode = (typeof PLANNING_MODES)[number];

export const ENTITY_TYPES = ['agent', 'team', 'workflow'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const EXECUTOR_TYPES = ['auto', 'specific_queue', 'environment'] as const;
export type ExecutorType = (typeof EXECUTOR_TYPES)[number];

export const JOB_STATUSES = ['active', 'disabled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The entity type a predefined planning mode requires. */
export const ENTITY_TYPE_FOR_MODE: Record<Exclude<PlanningMode, 'on_the_fly'>, EntityType> = {
  predefined_agent: 'agent',
  predefined_team: 'team',
  predefined_workflow: 'workflow',
};

export type ExecutionEnvironment = {
  env_vars: Record<string, string>;
  secrets: string[];
  integration_ids: string[];
  mcp_servers: Record<string, Record<string, unknown>>;
};

/** The user-editable fields of a job (seed 000 JobCreate, defaults applied). */
export type JobDefinition = {
  name: string;
  description: string | null;
  enabled: boolean;
  trigger_type: TriggerType;
  cron_schedule: string | null;
  cron_timezone: string | null;
  planning_mode: PlanningMode;
  entity_type: EntityType | null;
  entity_id: string | null;
  entity_name: string | null;
  prompt_template: string;
  system_prompt: string | null;
  executor_type: ExecutorType;
  worker_queue_name: string | null;
  environment_name: string | null;
  config: Record<string, unknown>;
  execution_environment: ExecutionEnvironment | null;
};

export type JobDefinitionPatch = Partial<JobDefinition>;

/** Webhook credentials as stored: the token is the last path segment of webhook_url; the secret is encrypted. */
export type WebhookCredentials = { token: string; secret_encrypted: string };

export const WEBHOOK_PATH_PREFIX = '/api/v1/jobs/webhook/';

/** Seed 000/002 JobResponse. */
export type JobResponse = JobDefinition & {
  id: string;
  organization_id: string;
  status: JobStatus;
  webhook_url: string | null;
  webhook_secret: string | null;
  temporal_schedule_id: string | null;
  last_execution_id: string | null;
  last_execution_at: string | null;
  next_execution_at: string | null;
  total_executions: number;
  successful_executions: number;
  failed_executions: number;
  execution_history: Record<string, unknown>[];
  created_by: string | null;
  updated_by: string | null;
  created_by_email: string | null;
  updated_by_email: string | null;
  created_at: string;
  updated_at: string;
  last_triggered_at: string | null;
};

export const JOB_ID_PREFIX = 'job_';
