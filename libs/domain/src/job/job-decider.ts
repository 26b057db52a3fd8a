import {
  conflict,
  notFound,
  type CreateJob,
  type DeleteJob,
  type DisableJob,
  type EnableJob,
  type JobCommand,
  type JobDefinition,
  type JobDefinitionPatch,
  type JobEvent,
  type JobUpdated,
  type UpdateJob,
  validationFailed,
} from '@cp/contracts';
import { entityReferenceChanged, refreshedEntityName, withResolvedEntity } from '../registry/job-entity';
import { normalizeJobDefinition, validateJobDefinition } from './job-definition';
import { evolveJob, initialJobState, type JobState } from './job-state';
import { decideRotateWebhookSecret } from './rotate-webhook-secret';

type LiveJob = Extract<JobState, { status: 'active' | 'disabled' }>;

/** A job of another organization is indistinguishable from a missing one (tenancy: 404, never 403). */
function requireLiveJob(state: JobState, jobId: string, organizationId: string): LiveJob {
  if (state.status === 'absent' || state.status === 'deleted' || state.organizationId !== organizationId) {
    throw notFound(`Job ${jobId} not found`);
  }
  return state;
}

function validDefinition(candidate: JobDefinition): JobDefinition {
  const definition = normalizeJobDefinition(candidate);
  const issues = validateJobDefinition(definition);
  if (issues.length > 0) throw validationFailed(issues);
  return definition;
}

function createJob(command: CreateJob, state: JobState): JobEvent[] {
  if (state.status !== 'absent') throw conflict(`Job ${command.data.job_id} already exists`);
  const { job_id, webhook } = command.data;
  const definition = withResolvedEntity(validDefinition(command.data.definition), command.data.entity);
  return [{ type: 'JobCreated', data: { job_id, organization_id: command.metadata.organizationId, definition, webhook } }];
}

function definedFields(patch: JobDefinitionPatch): JobDefinitionPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as JobDefinitionPatch;
}

function changedFields(current: JobDefinition, next: JobDefinition): JobDefinitionPatch {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(current[key as keyof JobDefinition]) !== JSON.stringify(value)) changes[key] = value;
  }
  return changes as JobDefinitionPatch;
}

function updateJob(command: UpdateJob, state: JobState): JobEvent[] {
  const job = requireLiveJob(state, command.data.job_id, command.metadata.organizationId);
  const candidate = validDefinition({ ...job.definition, ...definedFields(command.data.patch) });
  const merged = entityReferenceChanged(job.definition, candidate)
    ? withResolvedEntity(candidate, command.data.entity)
    : refreshedEntityName(candidate, command.data.entity);
  const changes = changedFields(job.definition, merged);
  const nextTrigger = changes.trigger_type ?? job.definition.trigger_type;
  const data: JobUpdated['data'] = { job_id: job.jobId, changes };
  if (nextTrigger === 'webhook' && !job.webhook) {
    if (!command.data.new_webhook) throw new Error('UpdateJob to a webhook trigger needs new_webhook credentials');
    data.webhook = command.data.new_webhook;
  } else if (nextTrigger !== 'webhook' && job.webhook) {
    data.webhook = null;
  }
  if (Object.keys(changes).length === 0 && data.webhook === undefined) return [];
  return [{ type: 'JobUpdated', data }];
}

function setEnabled(command: EnableJob | DisableJob, state: JobState, enabled: boolean): JobEvent[] {
  const job = requireLiveJob(state, command.data.job_id, command.metadata.organizationId);
  if (job.definition.enabled === enabled) return [];
  return [{ type: enabled ? 'JobEnabled' : 'JobDisabled', data: { job_id: job.jobId } }];
}

function deleteJob(command: DeleteJob, state: JobState): JobEvent[] {
  const job = requireLiveJob(state, command.data.job_id, command.metadata.organizationId);
  return [{ type: 'JobDeleted', data: { job_id: job.jobId } }];
}

export function decideJob(command: JobCommand, state: JobState): JobEvent[] {
  switch (command.type) {
    case 'CreateJob':
      return createJob(command, state);
    case 'UpdateJob':
      return updateJob(command, state);
    case 'EnableJob':
      return setEnabled(command, state, true);
    case 'DisableJob':
      return setEnabled(command, state, false);
    case 'DeleteJob':
      return deleteJob(command, state);
    case 'RotateWebhookSecret':
      return decideRotateWebhookSecret(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const jobDecider = { decide: decideJob, evolve: evolveJob, initialState: initialJobState };
