import { ENTITY_TYPE_FOR_MODE, type JobDefinition, type ValidationIssue } from '@cp/contracts';
import { cronExpressionProblem, isValidTimeZone } from '../schedule/cron-schedule';
import { schedulePolicyIssues } from '../schedule/schedule-policy';

const issue = (field: string, msg: string): ValidationIssue => ({ loc: ['body', field], msg: `Value error, ${msg}`, type: 'value_error' });

function triggerIssues(def: JobDefinition): ValidationIssue[] {
  if (def.trigger_type !== 'cron') return [];
  const timeZone = def.cron_timezone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) return [issue('cron_timezone', `Unknown time zone '${timeZone}': use an IANA name such as 'America/New_York'`)];
  if (!def.cron_schedule) return [issue('cron_schedule', 'cron_schedule is required for cron trigger type')];
  const problem = cronExpressionProblem(def.cron_schedule, timeZone);
  return problem ? [issue('cron_schedule', problem)] : schedulePolicyIssues(def.config ?? {});
}

function executorIssues(def: JobDefinition): ValidationIssue[] {
  if (def.executor_type === 'specific_queue' && !def.worker_queue_name) {
    return [issue('worker_queue_name', "worker_queue_name is required when executor_type is 'specific_queue'")];
  }
  if (def.executor_type === 'environment' && !def.environment_name) {
    return [issue('environment_name', "environment_name is required when executor_type is 'environment'")];
  }
  return [];
}

function planningIssues(def: JobDefinition): ValidationIssue[] {
  if (def.planning_mode === 'on_the_fly') return [];
  const expected = ENTITY_TYPE_FOR_MODE[def.planning_mode];
  const issues: ValidationIssue[] = [];
  if (!def.entity_id) issues.push(issue('entity_id', `entity_id is required for planning_mode '${def.planning_mode}'`));
  if (def.entity_type !== null && def.entity_type !== expected) {
    issues.push(issue('entity_type', `entity_type must be '${expected}' for planning_mode '${def.planning_mode}' (got '${def.entity_type}')`));
  }
  return issues;
}

/** Cross-field rules of a complete job definition. Field types and enums are checked earlier, at the edge. */
export function validateJobDefinition(def: JobDefinition): ValidationIssue[] {
  return [...triggerIssues(def), ...executorIssues(def), ...planningIssues(def)];
}

/** A predefined mode implies its entity type; fill it when the caller left it out. */
export function normalizeJobDefinition(def: JobDefinition): JobDefinition {
  const entityType = def.planning_mode === 'on_the_fly' ? def.entity_type : (def.entity_type ?? ENTITY_TYPE_FOR_MODE[def.planning_mode]);
  const cronTimezone = def.trigger_type === 'cron' ? (def.cron_timezone ?? 'UTC') : def.cron_timezone;
  return { ...def, entity_type: entityType, cron_timezone: cronTimezone };
}
