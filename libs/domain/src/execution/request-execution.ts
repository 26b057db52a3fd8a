import { badRequest, executionWorkflowId, notFound, type ExecutionEvent, type RequestExecution } from '@cp/contracts';
import { assertValidExecutionConfig, mergeConfig } from './execution-policy';
import type { ExecutionState } from './execution-state';
import { renderPromptTemplate } from './prompt-template';
import { webhookContextBlock } from './webhook-context';

/**
 * Trigger: a live, enabled job of the caller's organization becomes an ExecutionRequested with the rendered prompt
 * and the effective config. An execution that already exists (a repeated deterministic id) decides nothing.
 */
/** Webhook runs show the agent what the sender sent, as the reference service does. */
function webhookContext(command: RequestExecution): string {
  if (command.data.source !== 'webhook') return '';
  const metadata = command.data.trigger_metadata?.metadata;
  return webhookContextBlock(command.data.parameters, metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {});
}

export function requestExecution(command: RequestExecution, state: ExecutionState): ExecutionEvent[] {
  if (state.status !== 'absent') return [];
  const { job, execution_id, parameters } = command.data;
  if (!job || job.status === 'deleted' || !job.definition || job.organization_id !== command.metadata.organizationId) {
    throw notFound(`Job ${job?.job_id ?? 'unknown'} not found`);
  }
  if (command.data.webhook_token != null && job.webhook_token !== command.data.webhook_token) throw notFound('Webhook not found');
  if (job.status === 'disabled') throw badRequest('Job is disabled');
  const definition = job.definition;
  const prompt = renderPromptTemplate(definition.prompt_template, parameters) + webhookContext(command);
  const config = mergeConfig(definition.config, command.data.config_override);
  assertValidExecutionConfig(config);
  return [{
    type: 'ExecutionRequested',
    data: {
      execution_id,
      job_id: job.job_id,
      organization_id: job.organization_id,
      source: command.data.source,
      scheduled_for: command.data.scheduled_for,
      parameters,
      trigger_metadata: command.data.trigger_metadata,
      prompt,
      system_prompt: definition.system_prompt,
      config,
      planning_mode: definition.planning_mode,
      entity_type: definition.entity_type,
      entity_id: definition.entity_id,
      entity_name: definition.entity_name,
      executor_type: definition.executor_type,
      worker_queue_name: definition.worker_queue_name,
      environment_name: definition.environment_name,
      execution_environment: definition.execution_environment,
      workflow_id: executionWorkflowId(definition.entity_type, execution_id),
      requested_at: command.metadata.now,
    },
  }];
}
